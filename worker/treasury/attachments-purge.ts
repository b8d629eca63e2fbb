import { and, eq, gte, inArray, lt } from "drizzle-orm";
import { db } from "../db/client";
import { attachments } from "../db/schema-treasury";
import { log } from "../lib/log";

const ONE_DAY_MS = 86_400_000;

/**
 * Deletes uploads that were signed but never confirmed for more than a day: the R2 object
 * first, then the row (a crash in between leaves a row the next run retries, never an orphan).
 * Called from the daily purge cron.
 */
export async function purgeUnconfirmedAttachments(env: Env, now: number): Promise<{ deleted: number }> {
  const d = db(env);
  let deleted = 0;
  for (;;) {
    const stale = await d
      .select({ id: attachments.id, key: attachments.r2Key })
      .from(attachments)
      .where(and(eq(attachments.status, "pending"), lt(attachments.createdAt, now - ONE_DAY_MS)))
      .limit(90);
    if (stale.length === 0) break;
    await env.RECEIPTS.delete(stale.map((s) => s.key));
    await d.delete(attachments).where(
      and(
        eq(attachments.status, "pending"),
        inArray(
          attachments.id,
          stale.map((s) => s.id),
        ),
      ),
    );
    deleted += stale.length;
    if (stale.length < 90) break;
  }
  const swept = await sweepUploadKeysOfConfirmed(env, now);
  log("attachments_purged", { deleted, swept });
  return { deleted };
}

/**
 * Confirm removes a receipt's upload key, but a presigned PUT still valid (≤ 120 s after signing)
 * could write it again afterwards, or a crash could leave it. Nothing serves that object — downloads
 * read the content key — so the daily purge deletes the upload keys of confirmed receipts signed in
 * the last three days (every such window since the previous run; the status/created_at index).
 */
async function sweepUploadKeysOfConfirmed(env: Env, now: number): Promise<number> {
  const recent = await db(env)
    .select({ key: attachments.r2Key })
    .from(attachments)
    .where(and(eq(attachments.status, "confirmed"), gte(attachments.createdAt, now - 3 * ONE_DAY_MS)));
  for (let i = 0; i < recent.length; i += 1000) await env.RECEIPTS.delete(recent.slice(i, i + 1000).map((r) => r.key));
  return recent.length;
}
