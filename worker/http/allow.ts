import { eq, or } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { AUTHZ_RULE, type AuthRule, currentMemberships, type GroupSource } from "../auth/authz";
import type { Principal } from "../auth/principal";
import { db } from "../db/client";
import { meetings, occurrences, type Role } from "../db/schema";
import type { AppEnv } from "../env";
import { fail } from "./errors";

/** Route middleware that enforces an `AuthRule` and carries it, so the docs and the matrix test can read it. */
export type AuthzMiddleware = MiddlewareHandler<AppEnv> & { [AUTHZ_RULE]: AuthRule };

async function resolveGroupId(c: Context<AppEnv>, source: GroupSource): Promise<string> {
  switch (source.from) {
    case "param":
      return c.req.param(source.name) ?? "";
    case "body": {
      const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
      const value = body?.[source.field];
      if (typeof value !== "string" || !value)
        throw fail(400, "invalid_request", `Missing ${source.field}`, {
          issues: [{ path: `json.${source.field}`, message: "Required" }],
        });
      return value;
    }
    case "meeting": {
      const id = c.req.param(source.param) ?? "";
      const row = await db(c.env)
        .select({ groupId: meetings.groupId })
        .from(meetings)
        .where(or(eq(meetings.id, id), eq(meetings.slug, id)))
        .get();
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
        if (principal.occurrenceId !== c.req.param(rule.param))
          throw fail(403, "forbidden", "Ticket is for another room");
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
