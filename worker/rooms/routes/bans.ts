import { and, desc, eq, isNull, or } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { ok } from "../../apidocs/responses";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { meetings, occurrences } from "../../db/schema";
import { meetingBanKeys, meetingBans } from "../../db/schema-rooms";
import type { AppEnv } from "../../env";
import { notFound } from "../../lib/errors";
import { log } from "../../lib/log";
import { validate } from "../../http/validate";
import { rateLimit } from "../../http/rate-limit";
import { roomRpc } from "../client";
import { OkJson } from "../../apidocs/answers";

/** Who may read and lift a meeting's bans: the people who run its rooms. */
const moderators = ["host", "admin"] as const;
const meetingParam = z.object({ id: z.string().min(1).max(100) });

async function meetingId(env: Env, idOrSlug: string): Promise<string> {
  const row = await db(env)
    .select({ id: meetings.id })
    .from(meetings)
    .where(or(eq(meetings.id, idOrSlug), eq(meetings.slug, idOrSlug)))
    .get();
  if (!row) throw notFound("Meeting");
  return row.id;
}

const BanList = z.object({
  bans: z.array(
    z.object({
      id: z.string(),
      bannedAt: z.number(),
      occurrenceId: z.string().nullable(),
      occurrenceStartsAt: z.number().nullable(),
    }),
  ),
});

/**
 * A meeting's active bans (what was banned, when, in which occurrence) and lifting one. The list
 * carries no personal data: no names, no hashes, not even which kinds of key a ban matches.
 */
export const meetingBanRoutes = new Hono<AppEnv>()
  .get(
    "/",
    allow.roles(moderators, { from: "meeting", param: "id" }),
    describeRoute({
      tags: ["rooms"],
      summary: "The meeting's active bans (host or admin of its group)",
      responses: ok(BanList),
    }),
    validate("param", meetingParam),
    async (c) => {
      const id = await meetingId(c.env, c.req.valid("param").id);
      const rows = await db(c.env)
        .select({
          id: meetingBans.id,
          bannedAt: meetingBans.createdAt,
          occurrenceId: meetingBans.occurrenceId,
          occurrenceStartsAt: occurrences.startsAt,
        })
        .from(meetingBans)
        .leftJoin(occurrences, eq(occurrences.id, meetingBans.occurrenceId))
        .where(and(eq(meetingBans.meetingId, id), isNull(meetingBans.liftedAt)))
        .orderBy(desc(meetingBans.createdAt));
      return c.json({ bans: rows.map((r) => ({ ...r, occurrenceStartsAt: r.occurrenceStartsAt ?? null })) }, 200);
    },
  )
  .delete(
    "/:banId",
    allow.roles(moderators, { from: "meeting", param: "id" }),
    rateLimit("WRITE_LIMITER", "user"),
    describeRoute({
      tags: ["rooms"],
      summary: "Lift a ban: the person may join this meeting again (host or admin of its group)",
      responses: ok(OkJson),
    }),
    validate("param", meetingParam.extend({ banId: z.string().min(1).max(64) })),
    async (c) => {
      const { banId } = c.req.valid("param");
      const id = await meetingId(c.env, c.req.valid("param").id);
      const principal = c.get("principal");
      const d = db(c.env);
      const ban = await d
        .select({ id: meetingBans.id })
        .from(meetingBans)
        .where(and(eq(meetingBans.id, banId), eq(meetingBans.meetingId, id), isNull(meetingBans.liftedAt)))
        .get();
      if (!ban) throw notFound("Ban");
      const keys = await d
        .select({ kind: meetingBanKeys.kind, subject: meetingBanKeys.subject })
        .from(meetingBanKeys)
        .where(eq(meetingBanKeys.banId, banId));
      await d.batch([
        d
          .update(meetingBans)
          .set({ liftedAt: Date.now(), liftedByUser: principal.kind === "user" ? principal.userId : null })
          .where(eq(meetingBans.id, banId)),
        d.delete(meetingBanKeys).where(eq(meetingBanKeys.banId, banId)),
      ]);
      // A running room forgets the keys now; any other room re-reads the bans when it next loads the
      // meeting (a room that was never opened has nothing to forget, so it is not woken).
      const live =
        keys.length > 0
          ? await d
              .select({ id: occurrences.id })
              .from(occurrences)
              .where(and(eq(occurrences.meetingId, id), eq(occurrences.status, "live")))
              .all()
          : [];
      await Promise.all(live.map((o) => roomRpc(c.env, o.id).liftBan(keys)));
      log("room_ban_lifted", { meetingId: id, banId });
      return c.json({ ok: true }, 200);
    },
  );
