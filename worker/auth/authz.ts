import { and, eq, gte, inArray, isNull, lte, ne, or } from "drizzle-orm";
import { db } from "../db/client";
import { type Role, serviceAssignments } from "../db/schema";
import { refuse } from "../lib/errors";
import type { Membership } from "./principal";

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

/** A refused permission: its kind (worker/http/errors.ts maps it to a status), a stable code and a message for people. */
export type Refusal = { kind: "forbidden" | "conflict"; code: string; message: string };

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
export function roleChangeRefusal(
  actor: { userId: string; roles: readonly Role[] },
  change: RoleChange,
): Refusal | null {
  const managers = rolesThatManage(change.role);
  if (!actor.roles.some((r) => managers.includes(r))) {
    const verb = change.kind === "grant" ? "grant" : "end";
    return {
      kind: "forbidden",
      code: "forbidden",
      message: `Only a group ${managers.join(" or ")} may ${verb} the ${change.role} role`,
    };
  }
  if (change.kind === "grant") {
    if (change.targetUserId === actor.userId)
      return {
        kind: "forbidden",
        code: "self_grant",
        message: "Nobody grants a service role to themselves; ask another admin",
      };
    return null;
  }
  if (change.currentEndsOn !== null && change.newEndsOn > change.currentEndsOn) {
    return {
      kind: "conflict",
      code: "cannot_extend",
      message: "Ending an assignment cannot make it last longer; grant a new one instead",
    };
  }
  if (change.role === "admin" && change.otherAdminsServing === 0) {
    return {
      kind: "conflict",
      code: "last_admin",
      message: "This is the group's last admin: grant admin to someone else first",
    };
  }
  return null;
}

/** The claimant never decides on or pays their own expense claim, whatever roles they hold. */
export function claimantRefusal(
  expense: { claimantId: string | null },
  action: "approve" | "reject" | "pay",
  actorId: string,
): Refusal | null {
  if (expense.claimantId !== actorId) return null;
  return {
    kind: "forbidden",
    code: "separation_of_duties",
    message: `The claimant cannot ${action} their own expense`,
  };
}

/** Throws the refusal of `roleChangeRefusal` (loads the acting user's roles and the group's other admins). */
export async function assertMayChangeRole(
  env: Env,
  actorUserId: string,
  groupId: string,
  change: DistributiveOmit<RoleChange, "otherAdminsServing"> & { assignmentId?: string },
): Promise<void> {
  const roles = (await currentMemberships(env, actorUserId)).filter((m) => m.groupId === groupId).map((m) => m.role);
  const full: RoleChange =
    change.kind === "grant"
      ? { kind: "grant", role: change.role, targetUserId: change.targetUserId }
      : {
          ...change,
          otherAdminsServing:
            change.role === "admin"
              ? (
                  await servingMembers(env, groupId, ["admin"], {
                    through: change.newEndsOn,
                    exceptAssignmentId: change.assignmentId,
                  })
                ).length
              : 0,
        };
  const refusal = roleChangeRefusal({ userId: actorUserId, roles }, full);
  if (refusal) throw refuse(refusal.kind, refusal.code, refusal.message);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Who serves in the group in one of `roles` today and is still serving on `through` (default
 * today), leaving out the assignment `exceptAssignmentId`: one row per assignment.
 */
export async function servingMembers(
  env: Env,
  groupId: string,
  roles: readonly Role[],
  opts: { through?: string; exceptAssignmentId?: string } = {},
): Promise<{ userId: string }[]> {
  const today = todayUtc();
  const through = opts.through && opts.through > today ? opts.through : today;
  return db(env)
    .select({ userId: serviceAssignments.userId })
    .from(serviceAssignments)
    .where(
      and(
        eq(serviceAssignments.groupId, groupId),
        inArray(serviceAssignments.role, [...roles]),
        opts.exceptAssignmentId ? ne(serviceAssignments.id, opts.exceptAssignmentId) : undefined,
        lte(serviceAssignments.startsOn, today),
        or(isNull(serviceAssignments.endsOn), gte(serviceAssignments.endsOn, through)),
      ),
    );
}
