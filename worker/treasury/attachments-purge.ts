import { and, eq, inArray, lt } from "drizzle-orm";
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
    await d.delete(attachments).where(and(eq(attachments.status, "pending"), inArray(attachments.id, stale.map((s) => s.id))));
    deleted += stale.length;
    if (stale.length < 90) break;
  }
  log("attachments_purged", { deleted });
  return { deleted };
}
