import { z } from "zod";
import { inArray, lt } from "drizzle-orm";
import { db } from "../db/client";
import { refreshFamilies, refreshTokens, signInTokens } from "../db/schema";
import { log, logError } from "../lib/log";
import { roomStub } from "../rooms/client";
import { archiveCutoff, unopenedEndCutoff } from "#shared/occurrence-lifecycle";
import { CHAT_KEEP_MS } from "../rooms/retention";
import { purgeUnconfirmedAttachments } from "../treasury/attachments-purge";

const HOUR_MS = 3_600_000;
/** Rooms wiped per run; the rest wait for the next run (or an on-demand purge). */
const MAX_WIPES_PER_RUN = 1000;
/** Never-opened occurrences marked ended per run; a backlog drains over the following runs. */
export const MAX_ENDS_PER_RUN = 5000;
/** Rooms wiped at once: parallel enough to be quick, few enough not to flood the DO namespace. */
const WIPE_CONCURRENCY = 20;

/** What a purge run did (the answer of `POST /api/ops/purge` and its log line). */
export const PurgeSummary = z.strictObject({
  unopenedEnded: z.int(),
  signInTokens: z.int(),
  refreshTokens: z.int(),
  refreshFamilies: z.int(),
  roomsWiped: z.int(),
  roomWipeFailures: z.int(),
  archived: z.int(),
  attachmentsDeleted: z.int(),
  ms: z.number(),
});
export type PurgeSummary = z.infer<typeof PurgeSummary>;

/**
 * Ends the occurrences nobody ever opened: still `scheduled` two hours past their end. A room that
 * anyone touched (even a refused join) armed an alarm at its first touch that ends it an hour past
 * the end and marks the occurrence ended, so what is still `scheduled` an hour after that never had
 * a Durable Object: it is marked wiped too (there is nothing to wipe, and calling wipe() would
 * create the object). `ended_at` and `started_at` stay NULL: it never ran. Live occurrences are the
 * room's to end. One UPDATE over a bounded range of `occurrences_status_idx` (status, ends_at).
 */
export const END_UNOPENED_SQL = `UPDATE occurrences SET status = 'ended', live_attendees = 0, room_purged_at = ?
  WHERE rowid IN (SELECT rowid FROM occurrences WHERE status = 'scheduled' AND ends_at < ? ORDER BY ends_at LIMIT ?)`;

/** Marks never-opened past occurrences ended (see {@link END_UNOPENED_SQL}; the bound is the lifecycle's); returns how many. */
export async function endUnopenedOccurrences(env: Env, now: number): Promise<number> {
  const result = await env.DB.prepare(END_UNOPENED_SQL).bind(now, unopenedEndCutoff(now), MAX_ENDS_PER_RUN).run();
  return result.meta.changes;
}

/**
 * Rooms whose chat retention has run out: ended or cancelled, not yet wiped, and past their
 * meeting's retention counted from the real end (`end` = right away, `24h`, `7d`).
 * The `ends_at` bound keeps the scan inside `occurrences_unpurged_idx`.
 */
async function roomsToWipe(env: Env, now: number): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT o.id FROM occurrences o JOIN meetings m ON m.id = o.meeting_id
     WHERE o.room_purged_at IS NULL AND o.status IN ('ended', 'cancelled') AND o.ends_at < ?
       AND coalesce(o.ended_at, o.ends_at) + CASE m.chat_retention WHEN '24h' THEN ? WHEN '7d' THEN ? ELSE ? END <= ?
     ORDER BY o.ends_at LIMIT ?`,
  )
    // A room can end up to its scheduled length early; 12 h covers the longest meeting plus an early start.
    .bind(now + 12 * HOUR_MS, CHAT_KEEP_MS["24h"], CHAT_KEEP_MS["7d"], CHAT_KEEP_MS.end, now, MAX_WIPES_PER_RUN)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

async function wipeRooms(env: Env, ids: string[], now: number): Promise<{ wiped: number; failed: number }> {
  const wiped: string[] = [];
  let failed = 0;
  for (let i = 0; i < ids.length; i += WIPE_CONCURRENCY) {
    const chunk = ids.slice(i, i + WIPE_CONCURRENCY);
    const outcomes = await Promise.allSettled(chunk.map(async (id) => (await roomStub(env, id)).wipe()));
    outcomes.forEach((o, j) => {
      const id = chunk[j];
      if (o.status === "fulfilled" && id) wiped.push(id);
      else if (o.status === "rejected") {
        failed++;
        logError("room_wipe_failed", o.reason, { occurrenceId: id });
      }
    });
  }
  // ≤ 90 ids per statement keeps each UPDATE under D1's 100-parameter limit.
  const statements = [];
  for (let i = 0; i < wiped.length; i += 90) {
    const chunk = wiped.slice(i, i + 90);
    statements.push(
      env.DB.prepare(`UPDATE occurrences SET room_purged_at = ? WHERE id IN (${chunk.map(() => "?").join(",")})`).bind(
        now,
        ...chunk,
      ),
    );
  }
  if (statements.length) await env.DB.batch(statements);
  return { wiped: wiped.length, failed };
}

/**
 * Deletes what has outlived its purpose: ends past occurrences nobody opened; expired sign-in links
 * and refresh families; wipes the chat storage of rooms past retention; archives old ended
 * occurrences; drops unconfirmed attachment uploads. Logs one summary line.
 */
export async function purgeExpired(env: Env, now: number): Promise<PurgeSummary> {
  const started = Date.now();
  // First, so these follow the same archive rule as any ended occurrence.
  const unopenedEnded = await endUnopenedOccurrences(env, now);
  const d = db(env);
  const expiredFamilies = d
    .select({ id: refreshFamilies.id })
    .from(refreshFamilies)
    .where(lt(refreshFamilies.expiresAt, now));
  const [tokens, refresh, families] = await d.batch([
    d.delete(signInTokens).where(lt(signInTokens.expiresAt, now)),
    d.delete(refreshTokens).where(inArray(refreshTokens.familyId, expiredFamilies)),
    d.delete(refreshFamilies).where(lt(refreshFamilies.expiresAt, now)),
  ]);
  const rooms = await wipeRooms(env, await roomsToWipe(env, now), now);
  const archived = await env.DB.prepare(
    "UPDATE occurrences SET archived = 1 WHERE archived = 0 AND status IN ('ended', 'cancelled') AND ends_at < ?",
  )
    .bind(archiveCutoff(now))
    .run();
  // Signed-but-never-confirmed uploads (treasury receipts); a failure there must not hide the rest.
  const attachments = await purgeUnconfirmedAttachments(env, now).catch((err: unknown) => {
    logError("attachments_purge_failed", err);
    return { deleted: 0 };
  });
  const summary: PurgeSummary = {
    unopenedEnded,
    signInTokens: tokens.meta.changes,
    refreshTokens: refresh.meta.changes,
    refreshFamilies: families.meta.changes,
    roomsWiped: rooms.wiped,
    roomWipeFailures: rooms.failed,
    archived: archived.meta.changes,
    attachmentsDeleted: attachments.deleted,
    ms: Date.now() - started,
  };
  log("purge", summary);
  return summary;
}
