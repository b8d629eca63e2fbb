import { and, eq, inArray } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../http/allow";
import { occurrences } from "../db/schema";
import { exposeBookmark, writeSession } from "../http/d1-bookmark";
import { sessionDb } from "../directory/d1-session";
import type { AppEnv } from "../env";
import { fail } from "../http/errors";
import { notFound } from "../lib/errors";
import { log } from "../lib/log";
import { validate } from "../http/validate";
import { rateLimit } from "../http/rate-limit";
import { CANCELLABLE, cancelRefusal, endRefusal, startRefusal } from "#shared/occurrence-lifecycle";
import { getOccurrenceWithMeeting, markOccurrenceEnded, markOccurrenceLive } from "./occurrence-db";
import { roomRpc, roomStub } from "../rooms/client";
import { OccurrenceChangedJson, occurrenceView } from "./view";
import { ok } from "../apidocs/responses";

const idParam = z.object({ id: z.string().min(1).max(100) });
const runners = ["host", "secretary", "admin"] as const;

const moveSchema = z.strictObject({
  startsAt: z.iso.datetime({ offset: true, message: "An ISO 8601 instant, e.g. 2026-11-21T18:00:00Z" }),
});

const view = (o: typeof occurrences.$inferSelect) => ({ ...occurrenceView(o), meetingId: o.meetingId });

async function load(env: Env, id: string) {
  const found = await getOccurrenceWithMeeting(env, id);
  if (!found) throw notFound("Occurrence");
  return found;
}

/** The occurrence after a lifecycle change, read in a primary-first session whose bookmark goes back to the client. */
async function reload(c: Context<AppEnv>, id: string) {
  const session = writeSession(c);
  const row = await sessionDb(session).select().from(occurrences).where(eq(occurrences.id, id)).get();
  exposeBookmark(c, session);
  if (!row) throw notFound("Occurrence");
  return view(row);
}

/** Running an occurrence: hosts start, end and cancel it; secretaries also move it. */
export const occurrenceRoutes = new Hono<AppEnv>()
  .post(
    "/:id/start",
    allow.roles(runners, { from: "occurrence", param: "id" }),
    rateLimit("WRITE_LIMITER", "user"),
    describeRoute({
      tags: ["occurrences"],
      summary: "Start (open) an occurrence's room",
      responses: ok(OccurrenceChangedJson),
    }),
    validate("param", idParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const { occurrence } = await load(c.env, id);
      const now = Date.now();
      const refused = startRefusal(occurrence, now);
      if (refused) throw fail(409, refused.code, refused.message);
      if (!(await markOccurrenceLive(c.env, id, now)))
        throw fail(409, "invalid_state", "The occurrence changed meanwhile; reload it");
      log("occurrence_started", { occurrenceId: id, meetingId: occurrence.meetingId });
      return c.json({ occurrence: await reload(c, id) });
    },
  )
  .post(
    "/:id/end",
    allow.roles(runners, { from: "occurrence", param: "id" }),
    rateLimit("WRITE_LIMITER", "user"),
    describeRoute({
      tags: ["occurrences"],
      summary: "End an occurrence and close its room",
      responses: ok(OccurrenceChangedJson),
    }),
    validate("param", idParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const { occurrence } = await load(c.env, id);
      const refused = endRefusal(occurrence);
      if (refused) throw fail(409, refused.code, refused.message);
      if (!(await markOccurrenceEnded(c.env, id)))
        throw fail(409, "invalid_state", "The occurrence changed meanwhile; reload it");
      await (await roomStub(c.env, id)).end("ended");
      log("occurrence_ended", { occurrenceId: id, meetingId: occurrence.meetingId });
      return c.json({ occurrence: await reload(c, id) });
    },
  )
  .post(
    "/:id/cancel",
    allow.roles(runners, { from: "occurrence", param: "id" }),
    rateLimit("WRITE_LIMITER", "user"),
    describeRoute({
      tags: ["occurrences"],
      summary: "Cancel one scheduled occurrence (survives re-materialization)",
      responses: ok(OccurrenceChangedJson),
    }),
    validate("param", idParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const session = writeSession(c);
      const rows = await sessionDb(session)
        .update(occurrences)
        .set({ status: "cancelled", isException: true })
        .where(and(eq(occurrences.id, id), inArray(occurrences.status, [...CANCELLABLE])))
        .returning();
      const cancelled = rows[0];
      if (!cancelled) {
        const refused = cancelRefusal((await load(c.env, id)).occurrence);
        throw fail(
          409,
          refused?.code ?? "invalid_state",
          refused?.message ?? "The occurrence changed meanwhile; reload it",
        );
      }
      await (await roomStub(c.env, id)).end("cancelled");
      log("occurrence_cancelled", { occurrenceId: id, meetingId: cancelled.meetingId });
      exposeBookmark(c, session);
      return c.json({ occurrence: view(cancelled) });
    },
  )
  .post(
    "/:id/move",
    allow.roles(["secretary", "admin"], { from: "occurrence", param: "id" }),
    rateLimit("WRITE_LIMITER", "user"),
    describeRoute({
      tags: ["occurrences"],
      summary: "Move one scheduled occurrence to another start (survives re-materialization)",
      responses: ok(OccurrenceChangedJson),
    }),
    validate("param", idParam),
    validate("json", moveSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      const startsAt = Date.parse(c.req.valid("json").startsAt);
      if (startsAt <= Date.now())
        throw fail(400, "invalid_request", "The new start must be in the future", {
          issues: [{ path: "json.startsAt", message: "Must be in the future" }],
        });
      const { occurrence } = await load(c.env, id);
      const session = writeSession(c);
      const rows = await sessionDb(session)
        .update(occurrences)
        .set({ startsAt, endsAt: startsAt + (occurrence.endsAt - occurrence.startsAt), isException: true })
        .where(and(eq(occurrences.id, id), eq(occurrences.status, "scheduled")))
        .returning();
      const moved = rows[0];
      if (!moved)
        throw fail(409, "invalid_state", `Only a scheduled occurrence can be moved (this one is ${occurrence.status})`);
      log("occurrence_moved", { occurrenceId: id, meetingId: moved.meetingId });
      // A room that cached the old start reads the new one now (joins decide from the room's copy).
      await roomRpc(c.env, id).occurrenceChanged();
      exposeBookmark(c, session);
      return c.json({ occurrence: view(moved) });
    },
  );
