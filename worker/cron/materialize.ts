import { z } from "zod";
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { meetings } from "../db/schema";
import { insertPlannedStatements, PLAN_DAYS, planRows } from "../directory/plan";
import { log } from "../lib/log";

/** Statements per D1 batch call: one round trip each, well inside D1's per-invocation limits. */
const STATEMENTS_PER_BATCH = 25;

/** What a materialize run did (the answer of `POST /api/ops/materialize` and its log line). */
export const MaterializeSummary = z.strictObject({
  meetings: z.int(),
  planned: z.int(),
  created: z.int(),
  statements: z.int(),
  days: z.int(),
  ms: z.number(),
});
export type MaterializeSummary = z.infer<typeof MaterializeSummary>;

/**
 * Makes sure every active meeting has its occurrences for the next 14 days. Idempotent: the
 * unique (meeting_id, local_date) index turns a re-run (and any cancelled or moved exception)
 * into "do nothing". Logs one summary line.
 */
export async function materializeOccurrences(env: Env, now: number): Promise<MaterializeSummary> {
  const started = Date.now();
  const d = db(env);
  const active = await d
    .select({
      id: meetings.id,
      timezone: meetings.timezone,
      days: meetings.days,
      startTime: meetings.startTime,
      durationMinutes: meetings.durationMinutes,
    })
    .from(meetings)
    .where(eq(meetings.status, "active"));
  const rows = active.flatMap((m) => planRows(m, now));
  const statements = insertPlannedStatements(env.DB, rows);
  let created = 0;
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    for (const r of await env.DB.batch(statements.slice(i, i + STATEMENTS_PER_BATCH))) created += r.meta.changes ?? 0;
  }
  const summary = {
    meetings: active.length,
    planned: rows.length,
    created,
    statements: statements.length,
    days: PLAN_DAYS,
    ms: Date.now() - started,
  };
  log("materialize", summary);
  return summary;
}
