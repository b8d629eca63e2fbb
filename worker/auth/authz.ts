import { and, eq, gte, isNull, lte, ne, or } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { db } from "../db/client";
import { meetings, occurrences, type Role, serviceAssignments } from "../db/schema";
import type { AppEnv } from "../env";
import { fail } from "../lib/errors";
import type { Membership, Principal } from "./principal";

/** Where a route finds the group its rule is about. */
export type GroupSource =
  | { from: "param"; name: string }
  | { from: "meeting"; param: string }
  | { from: "occurrence"; param: string }
  | { from: "body"; field: string };

/** Every route declares one of these (the authorization-matrix test fails on a route without). */
export type AuthRule =
  | { kind: "public" }
  | { kind: "signedIn" }
  | { kind: "platformAdmin" }
  /** Signed in and holding one of `roles` in the resolved group today. */
  | { kind: "groupRole"; roles: readonly Role[]; group: GroupSource }
  /** A room participant's bearer ticket for the occurrence in `param` (hosts only if `hostOnly`). */
  | { kind: "participant"; param: string; hostOnly?: boolean };

export const AUTHZ_RULE = Symbol.for("meetinghouse.authz");

export type AuthzMiddleware = MiddlewareHandler<AppEnv> & { [AUTHZ_RULE]: AuthRule };

/** Today's date in UTC as YYYY-MM-DD: assignments start and end on calendar days. */
export function todayUtc(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The roles a user holds right now (ended and not-yet-started assignments grant nothing). */
export async function currentMemberships(env: Env, userId: string, now = Date.now()): Promise<Membership[]> {
  const today = todayUtc(now);
  return db(env)
    .select({ groupId: serviceAssignments.groupId, role: serviceAssignments.role })
    .from(serviceAssignments)
    .where(
      and(
        eq(serviceAssignments.userId, userId),
        lte(serviceAssignments.startsOn, today),
        or(isNull(serviceAssignments.endsOn), gte(serviceAssignments.endsOn, today)),
      ),
    );
}

async function resolveGroupId(c: Context<AppEnv>, source: GroupSource): Promise<string> {
  switch (source.from) {
    case "param":
      return c.req.param(source.name) ?? "";
    case "body": {
      const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
      const value = body?.[source.field];
      if (typeof value !== "string" || !value) throw fail(400, "invalid_request", `Missing ${source.field}`, { issues: [{ path: `json.${source.field}`, message: "Required" }] });
      return value;
    }
    case "meeting": {
      const id = c.req.param(source.param) ?? "";
      const row = await db(c.env).select({ groupId: meetings.groupId }).from(meetings).where(or(eq(meetings.id, id), eq(meetings.slug, id))).get();
      if (!row) throw fail(404, "not_found", "Meeting not found");
      return row.groupId;
    }
    case "occurrence": {
      const id = c.req.param(source.param) ?? "";
      const row = await db(c.env)
        .select({ groupId: meetings.groupId })
        .from(occurrences)
        .innerJoin(meetings, eq(meetings.id, occurrences.meetingId))
        .where(eq(occurrences.id, id))
        .get();
      if (!row) throw fail(404, "not_found", "Occurrence not found");
      return row.groupId;
    }
  }
}

function requireUser(principal: Principal) {
  if (principal.kind !== "user") throw fail(401, "unauthenticated", "Sign in to continue");
  return principal;
}

/**
 * Declares and enforces a route's authorization rule. Put it first in the route's chain.
 * Denied → 403 `forbidden`; not signed in → 401 `unauthenticated`.
 */
export function authz(rule: AuthRule): AuthzMiddleware {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    const principal = c.get("principal");
    switch (rule.kind) {
      case "public":
        break;
      case "signedIn":
        requireUser(principal);
        break;
      case "platformAdmin":
        if (!requireUser(principal).isPlatformAdmin) throw fail(403, "forbidden", "Platform admins only");
        break;
      case "groupRole": {
        const user = requireUser(principal);
        const groupId = await resolveGroupId(c, rule.group);
        const memberships = await currentMemberships(c.env, user.userId);
        if (!memberships.some((m) => m.groupId === groupId && rule.roles.includes(m.role))) {
          throw fail(403, "forbidden", `Requires one of: ${rule.roles.join(", ")} in this group`);
        }
        c.set("groupId", groupId);
        break;
      }
      case "participant": {
        if (principal.kind !== "participant") throw fail(401, "unauthenticated", "A room ticket is required");
        if (principal.occurrenceId !== c.req.param(rule.param)) throw fail(403, "forbidden", "Ticket is for another room");
        if (rule.hostOnly && principal.role !== "host") throw fail(403, "forbidden", "Hosts only");
        break;
      }
    }
    await next();
  };
  return Object.assign(mw, { [AUTHZ_RULE]: rule });
}

/** Shorthands that read like the rule they declare. */
export const allow = {
  public: () => authz({ kind: "public" }),
  signedIn: () => authz({ kind: "signedIn" }),
  platformAdmin: () => authz({ kind: "platformAdmin" }),
  roles: (roles: readonly Role[], group: GroupSource) => authz({ kind: "groupRole", roles, group }),
  participant: (param = "id", hostOnly = false) => authz({ kind: "participant", param, hostOnly }),
};

/** A refused permission: the HTTP status, a stable code and a message for people. */
export type Refusal = { status: 403 | 409; code: string; message: string };

/** The roles that move money or hand out roles: only a group admin grants or ends them. */
export const MONEY_ROLES: readonly Role[] = ["treasurer", "admin"];

/** Who may grant or end `role`: a group admin for money roles; an admin or a secretary for the others. */
export function rolesThatManage(role: Role): readonly Role[] {
  return MONEY_ROLES.includes(role) ? ["admin"] : ["admin", "secretary"];
}

/** A proposed change to a service assignment, with what the rule needs to know about the group. */
export type RoleChange =
  /** `targetUserId` null: the grantee is a new person, so not the actor. */
  | { kind: "grant"; role: Role; targetUserId: string | null }
  | {
      kind: "end";
      role: Role;
      targetUserId: string;
      /** The assignment's current last day (null: open-ended) and the one asked for. */
      currentEndsOn: string | null;
      newEndsOn: string;
      /** Other admins of the group still serving on `newEndsOn` (only read when ending an admin). */
      otherAdminsServing: number;
    };

/**
 * The one rule for changing service roles (plain and unit-tested; the members routes only load its
 * inputs). Money roles (treasurer, admin) are granted and ended by a group admin only; secretary and
 * host by an admin or a secretary. Nobody grants a role to themselves. Ending only ever shortens an
 * assignment (a later end date would be a grant in disguise). No change may leave the group without
 * an admin (an admin may step down while another serves: the last one hands over first). Returns null when allowed.
 */
export function roleChangeRefusal(actor: { userId: string; roles: readonly Role[] }, change: RoleChange): Refusal | null {
  const managers = rolesThatManage(change.role);
  if (!actor.roles.some((r) => managers.includes(r))) {
    const verb = change.kind === "grant" ? "grant" : "end";
    return { status: 403, code: "forbidden", message: `Only a group ${managers.join(" or ")} may ${verb} the ${change.role} role` };
  }
  if (change.kind === "grant") {
    if (change.targetUserId === actor.userId) return { status: 403, code: "self_grant", message: "Nobody grants a service role to themselves; ask another admin" };
    return null;
  }
  if (change.currentEndsOn !== null && change.newEndsOn > change.currentEndsOn) {
    return { status: 409, code: "cannot_extend", message: "Ending an assignment cannot make it last longer; grant a new one instead" };
  }
  if (change.role === "admin" && change.otherAdminsServing === 0) {
    return { status: 409, code: "last_admin", message: "This is the group's last admin: grant admin to someone else first" };
  }
  return null;
}

/** The claimant never decides on or pays their own expense claim, whatever roles they hold. */
export function claimantRefusal(expense: { claimantId: string | null }, action: "approve" | "reject" | "pay", actorId: string): Refusal | null {
  if (expense.claimantId !== actorId) return null;
  return { status: 403, code: "separation_of_duties", message: `The claimant cannot ${action} their own expense` };
}

/** Throws the refusal of `roleChangeRefusal` (loads the acting user's roles and the group's other admins). */
export async function assertMayChangeRole(env: Env, actorUserId: string, groupId: string, change: DistributiveOmit<RoleChange, "otherAdminsServing"> & { assignmentId?: string }): Promise<void> {
  const roles = (await currentMemberships(env, actorUserId)).filter((m) => m.groupId === groupId).map((m) => m.role);
  const full: RoleChange =
    change.kind === "grant"
      ? { kind: "grant", role: change.role, targetUserId: change.targetUserId }
      : { ...change, otherAdminsServing: change.role === "admin" ? await adminsServingOn(env, groupId, change.newEndsOn, change.assignmentId) : 0 };
  const refusal = roleChangeRefusal({ userId: actorUserId, roles }, full);
  if (refusal) throw fail(refusal.status, refusal.code, refusal.message);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Admin assignments of the group, other than `exceptAssignmentId`, that serve today and still on `day`. */
async function adminsServingOn(env: Env, groupId: string, day: string, exceptAssignmentId?: string): Promise<number> {
  const today = todayUtc();
  const rows = await db(env)
    .select({ userId: serviceAssignments.userId })
    .from(serviceAssignments)
    .where(
      and(
        eq(serviceAssignments.groupId, groupId),
        eq(serviceAssignments.role, "admin"),
        exceptAssignmentId ? ne(serviceAssignments.id, exceptAssignmentId) : undefined,
        lte(serviceAssignments.startsOn, today),
        or(isNull(serviceAssignments.endsOn), gte(serviceAssignments.endsOn, day > today ? day : today)),
      ),
    );
  return rows.length;
}
