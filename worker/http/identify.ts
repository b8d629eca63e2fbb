import { and, eq, gt, isNull } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { db } from "../db/client";
import { refreshFamilies, users } from "../db/schema";
import type { AppEnv } from "../env";
import { verifyToken } from "../auth/jwt";
import { ANONYMOUS, type Principal } from "../auth/principal";

export const ACCESS_COOKIE = "mh_access";
export const REFRESH_COOKIE = "mh_refresh";

function bearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}

/**
 * Works out who is calling from the access cookie or `Authorization: Bearer`. A user's access
 * token counts only while its refresh family is live, so logout takes effect at once.
 * Room participants present a room session token (`meetinghouse:room-session`) instead.
 */
export async function principalFrom(env: Env, token: string | undefined): Promise<Principal> {
  if (!token) return ANONYMOUS;
  const access = await verifyToken(env.JWT_SECRET, "meetinghouse:access", token);
  if (access?.sub && typeof access.fid === "string") {
    const live = await db(env)
      .select({ isPlatformAdmin: users.isPlatformAdmin })
      .from(refreshFamilies)
      .innerJoin(users, eq(users.id, refreshFamilies.userId))
      .where(
        and(
          eq(refreshFamilies.id, access.fid),
          eq(refreshFamilies.userId, access.sub),
          isNull(refreshFamilies.revokedAt),
          gt(refreshFamilies.expiresAt, Date.now()),
          isNull(users.erasedAt),
        ),
      )
      .get();
    if (!live) return ANONYMOUS;
    return { kind: "user", userId: access.sub, isPlatformAdmin: live.isPlatformAdmin, familyId: access.fid };
  }
  const session = await verifyToken(env.JWT_SECRET, "meetinghouse:room-session", token);
  if (session?.sub && typeof session.occ === "string" && (session.role === "host" || session.role === "attendee")) {
    return { kind: "participant", occurrenceId: session.occ, participantId: session.sub, role: session.role };
  }
  return ANONYMOUS;
}

export const identify: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = bearer(c.req.header("Authorization")) ?? getCookie(c, ACCESS_COOKIE);
  c.set("principal", await principalFrom(c.env, token));
  await next();
};
