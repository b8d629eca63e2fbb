/**
 * Treasury I/O shared by the routes and the demo seed: chart of accounts, reference checks,
 * the statements that post an entry (entry + lines + audit, for one `db.batch`). The date rule
 * every posting obeys is in posting-date.ts.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type Db, db } from "../db/client";
import { groups, meetings, occurrences } from "../db/schema";
import {
  type EntryKind,
  fiscalYears,
  journalEntries,
  journalLines,
  type TreasuryAccount,
  treasuryAccounts,
  treasuryAudit,
} from "../db/schema-treasury";
import { refuse } from "../lib/errors";
import { newId } from "../lib/ids";
import { DEFAULT_CHART } from "./chart";
import { fiscalYearFor, fiscalYearStartingIn, todayIn } from "./fiscal-year";
import { checkEntryLines, type LineInput } from "./ledger";

export type Statement = BatchItem<"sqlite">;

/** Runs statements as one atomic D1 batch (D1 has no interactive transactions). */
export async function runBatch(env: Env, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  const [first, ...rest] = statements;
  await db(env).batch([first, ...rest]);
}

/**
 * Seeds the default chart of accounts for a group (idempotent: existing codes are left alone)
 * and returns all of the group's accounts. Call on group creation or on first treasury use.
 */
export async function ensureChartOfAccounts(env: Env, groupId: string): Promise<TreasuryAccount[]> {
  const d = db(env);
  let rows = await d.select().from(treasuryAccounts).where(eq(treasuryAccounts.groupId, groupId));
  const have = new Set(rows.map((r) => r.code));
  const missing = DEFAULT_CHART.filter((a) => !have.has(a.code));
  if (missing.length) {
    await d
      .insert(treasuryAccounts)
      .values(missing.map((a) => ({ id: newId("acc_"), groupId, ...a })))
      .onConflictDoNothing();
    rows = await d.select().from(treasuryAccounts).where(eq(treasuryAccounts.groupId, groupId));
  }
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}

/** The group's accounts keyed by code, seeding the chart if this is the first use. */
export async function accountsByCode(env: Env, groupId: string): Promise<Map<string, TreasuryAccount>> {
  return new Map((await ensureChartOfAccounts(env, groupId)).map((a) => [a.code, a]));
}

/** The group row, or 404. */
export async function loadGroup(env: Env, groupId: string) {
  const row = await db(env).select().from(groups).where(eq(groups.id, groupId)).get();
  if (!row) throw refuse("not_found", "not_found", "Group not found");
  return row;
}

/** Today in the group's own timezone: the date a posting gets when the treasurer gives none. */
export async function groupToday(env: Env, groupId: string): Promise<string> {
  return todayIn((await loadGroup(env, groupId)).timezone);
}

/**
 * Checks that every line's account is an active account of the group and every meeting or
 * occurrence tag belongs to the group. Throws 400 naming each offending field.
 */
export async function checkLineReferences(
  env: Env,
  groupId: string,
  lines: readonly LineInput[],
  pathPrefix = "json.lines",
): Promise<void> {
  const d = db(env);
  const accountIds = [...new Set(lines.map((l) => l.accountId))];
  const meetingIds = [...new Set(lines.flatMap((l) => (l.meetingId ? [l.meetingId] : [])))];
  const occurrenceIds = [...new Set(lines.flatMap((l) => (l.occurrenceId ? [l.occurrenceId] : [])))];
  const [accts, meets, occs] = await Promise.all([
    accountIds.length
      ? d
          .select()
          .from(treasuryAccounts)
          .where(and(eq(treasuryAccounts.groupId, groupId), inArray(treasuryAccounts.id, accountIds)))
      : [],
    meetingIds.length
      ? d
          .select({ id: meetings.id })
          .from(meetings)
          .where(and(eq(meetings.groupId, groupId), inArray(meetings.id, meetingIds)))
      : [],
    occurrenceIds.length
      ? d
          .select({ id: occurrences.id, meetingId: occurrences.meetingId })
          .from(occurrences)
          .innerJoin(meetings, eq(meetings.id, occurrences.meetingId))
          .where(and(eq(meetings.groupId, groupId), inArray(occurrences.id, occurrenceIds)))
      : [],
  ]);
  const accountById = new Map(accts.map((a) => [a.id, a]));
  const meetingSet = new Set(meets.map((m) => m.id));
  const occurrenceMeeting = new Map(occs.map((o) => [o.id, o.meetingId]));
  const issues: { path: string; message: string }[] = [];
  lines.forEach((l, i) => {
    const a = accountById.get(l.accountId);
    if (!a) issues.push({ path: `${pathPrefix}.${i}.accountId`, message: "No such account in this group" });
    else if (!a.active) issues.push({ path: `${pathPrefix}.${i}.accountId`, message: "Account is deactivated" });
    if (l.meetingId && !meetingSet.has(l.meetingId))
      issues.push({ path: `${pathPrefix}.${i}.meetingId`, message: "No such meeting in this group" });
    if (l.occurrenceId) {
      const m = occurrenceMeeting.get(l.occurrenceId);
      if (!m) issues.push({ path: `${pathPrefix}.${i}.occurrenceId`, message: "No such occurrence in this group" });
      else if (l.meetingId && m !== l.meetingId)
        issues.push({ path: `${pathPrefix}.${i}.occurrenceId`, message: "Occurrence belongs to another meeting" });
    }
  });
  if (issues.length)
    throw refuse("invalid", "invalid_request", `Invalid references: ${issues.map((i) => i.path).join(", ")}`, issues);
}

/** Resolves a meeting / occurrence pair for a group; the occurrence implies its meeting. */
export async function resolveMeetingTag(
  env: Env,
  groupId: string,
  meetingId?: string,
  occurrenceId?: string,
): Promise<{ meetingId: string | null; occurrenceId: string | null }> {
  if (!occurrenceId) {
    if (meetingId) {
      const found = await db(env)
        .select({ id: meetings.id })
        .from(meetings)
        .where(and(eq(meetings.id, meetingId), eq(meetings.groupId, groupId)))
        .get();
      if (!found)
        throw refuse("invalid", "invalid_request", "No such meeting in this group", [
          { path: "json.meetingId", message: "No such meeting in this group" },
        ]);
    }
    return { meetingId: meetingId ?? null, occurrenceId: null };
  }
  const row = await db(env)
    .select({ meetingId: occurrences.meetingId })
    .from(occurrences)
    .innerJoin(meetings, eq(meetings.id, occurrences.meetingId))
    .where(and(eq(occurrences.id, occurrenceId), eq(meetings.groupId, groupId)))
    .get();
  if (!row)
    throw refuse("invalid", "invalid_request", "No such occurrence in this group", [
      { path: "json.occurrenceId", message: "No such occurrence in this group" },
    ]);
  if (meetingId && meetingId !== row.meetingId)
    throw refuse("invalid", "invalid_request", "Occurrence belongs to another meeting", [
      { path: "json.occurrenceId", message: "Occurrence belongs to another meeting" },
    ]);
  return { meetingId: row.meetingId, occurrenceId };
}

export type NewEntry = {
  id?: string;
  groupId: string;
  date: string;
  memo: string;
  kind: EntryKind;
  reversesEntryId?: string | null;
  source?: string | null;
  createdBy: string | null;
  lines: readonly LineInput[];
};

/**
 * The statements that post one balanced entry: the entry, its lines and its audit row. Refuses
 * (throws 400) an entry that breaks a double-entry rule, so no caller can batch a bad one.
 */
export function postEntryStatements(
  d: Db,
  entry: NewEntry,
  now = Date.now(),
): { entryId: string; statements: Statement[] } {
  const issues = checkEntryLines(entry.lines);
  if (issues.length) {
    throw refuse(
      "invalid",
      "invalid_request",
      issues.map((i) => i.message).join("; "),
      issues.map((i) => ({ path: `json.${i.path}`, message: i.message })),
    );
  }
  const entryId = entry.id ?? newId("je_");
  const lineRows = entry.lines.map((l, i) => ({
    id: newId("jl_"),
    entryId,
    lineNo: i + 1,
    accountId: l.accountId,
    amountCents: l.amountCents,
    meetingId: l.meetingId ?? null,
    occurrenceId: l.occurrenceId ?? null,
  }));
  const statements: Statement[] = [
    d.insert(journalEntries).values({
      id: entryId,
      groupId: entry.groupId,
      date: entry.date,
      memo: entry.memo,
      kind: entry.kind,
      reversesEntryId: entry.reversesEntryId ?? null,
      source: entry.source ?? null,
      createdBy: entry.createdBy,
      createdAt: now,
    }),
  ];
  // ≤ 100 bound parameters per statement: 7 columns per line → 14 lines per insert.
  for (let i = 0; i < lineRows.length; i += 14)
    statements.push(d.insert(journalLines).values(lineRows.slice(i, i + 14)));
  statements.push(
    auditStatement(d, {
      groupId: entry.groupId,
      actorId: entry.createdBy,
      action: entry.kind === "reversal" ? "entry.reverse" : "entry.post",
      entity: "journal_entry",
      entityId: entryId,
      after: {
        date: entry.date,
        memo: entry.memo,
        kind: entry.kind,
        reversesEntryId: entry.reversesEntryId ?? null,
        lines: lineRows.map((l) => ({ accountId: l.accountId, amountCents: l.amountCents })),
      },
      at: now,
    }),
  );
  return { entryId, statements };
}

export type AuditRecord = {
  groupId: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at?: number;
};

/** One audit row: who, what, which entity, before/after, when. Batch it with the change. */
export function auditStatement(d: Db, r: AuditRecord): Statement {
  return d.insert(treasuryAudit).values({
    id: newId("aud_"),
    groupId: r.groupId,
    actorId: r.actorId,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    beforeJson: r.before === undefined ? null : JSON.stringify(r.before),
    afterJson: r.after === undefined ? null : JSON.stringify(r.after),
    at: r.at ?? Date.now(),
  });
}

/** True when a D1 error (possibly wrapped by drizzle) is a UNIQUE violation on `target`. */
export function isUniqueViolation(err: unknown, target?: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/UNIQUE constraint failed/i.test(msg) && (!target || msg.includes(target))) return true;
  }
  return false;
}

/**
 * Creates the fiscal year starting in `startYear` (or the one containing today) if missing and
 * returns it.
 */
export async function ensureFiscalYear(env: Env, groupId: string, startYear?: number) {
  const group = await loadGroup(env, groupId);
  const span = startYear
    ? fiscalYearStartingIn(startYear, group.fiscalYearStartMonth)
    : fiscalYearFor(todayIn(group.timezone), group.fiscalYearStartMonth);
  const d = db(env);
  await d
    .insert(fiscalYears)
    .values({ id: newId("fy_"), groupId, ...span })
    .onConflictDoNothing();
  return (await d
    .select()
    .from(fiscalYears)
    .where(and(eq(fiscalYears.groupId, groupId), eq(fiscalYears.startsOn, span.startsOn)))
    .get())!;
}
