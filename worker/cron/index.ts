import { logError } from "../lib/log";
import { materializeOccurrences } from "./materialize";
import { purgeExpired } from "./purge";

export const MATERIALIZE_CRON = "0 3 * * *";
export const PURGE_CRON = "0 4 * * *";

/** Runs the job a cron trigger names. Errors are logged (no PII) and rethrown so the run shows failed. */
export async function runScheduled(cron: string, env: Env, scheduledTime = Date.now()): Promise<void> {
  const job = cron === MATERIALIZE_CRON ? materializeOccurrences : cron === PURGE_CRON ? purgeExpired : null;
  if (!job) return logError("cron_unknown", new Error("no job for cron"), { cron });
  try {
    await job(env, scheduledTime);
  } catch (err) {
    logError("cron_failed", err, { cron });
    throw err;
  }
}
