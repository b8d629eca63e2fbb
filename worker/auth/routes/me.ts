import { eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { describeRoute } from "hono-openapi";
import { allow } from "../../http/allow";
import { currentMemberships } from "../authz";
import { decryptText } from "../crypto";
import { eraseUser } from "../erase";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "../../http/identify";
import { db } from "../../db/client";
import { groups, refreshFamilies, serviceAssignments, users } from "../../db/schema";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { log } from "../../lib/log";
import { ok } from "../../apidocs/responses";
import { z } from "zod";
import { ErasedJson } from "../../apidocs/answers";

function userIdOf(c: { get: (k: "principal") => AppEnv["Variables"]["principal"] }): string {
  const p = c.get("principal");
  if (p.kind !== "user") throw fail(401, "unauthenticated", "Sign in to continue");
  return p.userId;
}

const Me = z.object({
  user: z.object({ id: z.string(), displayName: z.string().nullable(), isPlatformAdmin: z.boolean() }),
  assignments: z.array(
    z.object({ groupId: z.string(), groupName: z.string(), groupTimezone: z.string(), role: z.string() }),
  ),
});
const MyData = z.object({
  exportedAt: z.string(),
  user: z.looseObject({ id: z.string(), email: z.string().nullable() }),
  serviceAssignments: z.array(z.looseObject({ groupId: z.string(), role: z.string() })),
  sessions: z.array(z.looseObject({ id: z.string() })),
});

/** The signed-in service member's own data: profile, roles, export, erasure. */
export const meRoutes = new Hono<AppEnv>()
  .get(
    "/",
    allow.signedIn(),
    describeRoute({ tags: ["accounts"], summary: "Who am I, and my current service roles", responses: ok(Me) }),
    async (c) => {
      const userId = userIdOf(c);
      const d = db(c.env);
      const user = await d
        .select({ id: users.id, displayName: users.displayName, isPlatformAdmin: users.isPlatformAdmin })
        .from(users)
        .where(eq(users.id, userId))
        .get();
      if (!user) throw fail(401, "unauthenticated", "Sign in to continue");
      const memberships = await currentMemberships(c.env, userId);
      const groupIds = [...new Set(memberships.map((m) => m.groupId))];
      const groupRows = groupIds.length
        ? await d
            .select({ id: groups.id, name: groups.name, timezone: groups.timezone })
            .from(groups)
            .where(inArray(groups.id, groupIds))
        : [];
      const byId = new Map(groupRows.map((g) => [g.id, g]));
      return c.json({
        user: { id: user.id, displayName: user.displayName, isPlatformAdmin: user.isPlatformAdmin },
        assignments: memberships.map((m) => ({
          groupId: m.groupId,
          groupName: byId.get(m.groupId)?.name ?? "",
          groupTimezone: byId.get(m.groupId)?.timezone ?? "UTC",
          role: m.role,
        })),
      });
    },
  )
  .get(
    "/export",
    allow.signedIn(),
    describeRoute({ tags: ["accounts"], summary: "Everything stored about me, as JSON", responses: ok(MyData) }),
    async (c) => {
      const userId = userIdOf(c);
      const d = db(c.env);
      const user = await d.select().from(users).where(eq(users.id, userId)).get();
      if (!user) throw fail(404, "not_found", "User not found");
      const [assignments, sessions] = await Promise.all([
        d.select().from(serviceAssignments).where(eq(serviceAssignments.userId, userId)),
        d
          .select({
            id: refreshFamilies.id,
            createdAt: refreshFamilies.createdAt,
            expiresAt: refreshFamilies.expiresAt,
            revokedAt: refreshFamilies.revokedAt,
          })
          .from(refreshFamilies)
          .where(eq(refreshFamilies.userId, userId)),
      ]);
      const email = user.emailEnc ? await decryptText(c.env.EMAIL_ENC_KEY, user.emailEnc) : null;
      c.header("Content-Disposition", 'attachment; filename="meetinghouse-my-data.json"');
      return c.json({
        exportedAt: new Date().toISOString(),
        user: {
          id: user.id,
          email,
          displayName: user.displayName,
          isPlatformAdmin: user.isPlatformAdmin,
          createdAt: new Date(user.createdAt).toISOString(),
        },
        serviceAssignments: assignments.map((a) => ({
          groupId: a.groupId,
          role: a.role,
          startsOn: a.startsOn,
          endsOn: a.endsOn,
        })),
        sessions: sessions.map((s) => ({
          id: s.id,
          createdAt: new Date(s.createdAt).toISOString(),
          expiresAt: new Date(s.expiresAt).toISOString(),
          revokedAt: s.revokedAt ? new Date(s.revokedAt).toISOString() : null,
        })),
      });
    },
  )
  .delete(
    "/",
    allow.signedIn(),
    describeRoute({
      tags: ["accounts"],
      summary: "Erase me (the books keep an anonymous actor reference)",
      responses: ok(ErasedJson),
    }),
    async (c) => {
      const userId = userIdOf(c);
      await eraseUser(c.env, userId);
      deleteCookie(c, ACCESS_COOKIE, { path: "/api" });
      deleteCookie(c, REFRESH_COOKIE, { path: "/api/auth" });
      log("user_erased", { userId, requestId: c.get("requestId") });
      return c.json({ ok: true, erased: true });
    },
  );
