import { and, eq, gt, sql } from "drizzle-orm";
import { occurrences } from "../db/schema";
import { newId } from "../lib/ids";
import type { SessionDb } from "./d1-session";

const INSERT_PLANNED = `INSERT INTO occurrences (id, meeting_id, local_date, starts_at, ends_at)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4 FROM json_each(?) AS j
  WHERE true ON CONFLICT (meeting_id, local_date) DO NOTHING`;
import { expandSchedule, type WeeklySchedule } from "./schedule";

/** How far ahead occurrences exist: the cron tops this up daily; edits re-plan it at once. */
export const PLAN_DAYS = 14;
/** Rows per insert statement: the rows travel as one JSON parameter, far below D1's 100-parameter limit. */
export const PLAN_CHUNK_ROWS = 400;

/** A row to insert: [id, meetingId, localDate, startsAt, endsAt]. */
export type PlanRow = [string, string, string, number, number];

/** The occurrence rows a meeting needs in [from, from + PLAN_DAYS). */
export function planRows(meeting: { id: string; timezone: string } & WeeklySchedule, from: number): PlanRow[] {
  return expandSchedule(meeting, meeting.timezone, from, from + PLAN_DAYS * 86_400_000).map((s) => [
    newId("occ_"),
    meeting.id,
    s.localDate,
    s.startsAt,
    s.endsAt,
  ]);
}

/**
 * Insert statements for planned rows, idempotent through the unique (meeting_id, local_date)
 * index: an existing slot (including a cancelled or moved exception) is left as it is.
 * Each statement binds one JSON array parameter, so a chunk of rows never nears the 100-parameter cap.
 */
export function insertPlannedStatements(raw: D1DatabaseSession | D1Database, rows: PlanRow[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += PLAN_CHUNK_ROWS)
    statements.push(raw.prepare(INSERT_PLANNED).bind(JSON.stringify(rows.slice(i, i + PLAN_CHUNK_ROWS))));
  return statements;
}

/**
 * True for an occurrence no money or moderation record points at. Only those may be deleted:
 * the ledger and the audit trail must keep reading (and D1 enforces the foreign keys).
 */
export const unreferencedOccurrence = sql`NOT EXISTS (SELECT 1 FROM journal_lines WHERE journal_lines.occurrence_id = ${occurrences.id})
  AND NOT EXISTS (SELECT 1 FROM contribution_batches WHERE contribution_batches.occurrence_id = ${occurrences.id})
  AND NOT EXISTS (SELECT 1 FROM meeting_bans WHERE meeting_bans.occurrence_id = ${occurrences.id})
  AND NOT EXISTS (SELECT 1 FROM moderation_audit WHERE moderation_audit.occurrence_id = ${occurrences.id})`;

/** Removes a meeting's future, still-scheduled occurrences that no secretary has excepted. */
export function dropFuturePlanned(d: SessionDb, meetingId: string, now: number) {
  return d
    .delete(occurrences)
    .where(
      and(
        eq(occurrences.meetingId, meetingId),
        eq(occurrences.status, "scheduled"),
        eq(occurrences.isException, false),
        gt(occurrences.startsAt, now),
        unreferencedOccurrence,
      ),
    );
}
