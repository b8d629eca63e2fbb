/** Read-side queries shared by routes, reports and exports. */
import { and, asc, desc, eq, gte, inArray, lte, ne, type SQL, sql } from "drizzle-orm";
import { db } from "../db/client";
import { journalEntries, journalLines, treasuryAccounts, vAccountBalance, vAccountDaily } from "../db/schema-treasury";
import { CODES } from "./chart";

export type EntryWithLines = typeof journalEntries.$inferSelect & { lines: (typeof journalLines.$inferSelect)[] };

/** Journal entries of a group with their lines, by date (ascending for exports). */
export async function loadEntries(
  env: Env,
  groupId: string,
  opts: { from?: string; to?: string; ids?: string[]; limit?: number; order?: "asc" | "desc" } = {},
): Promise<EntryWithLines[]> {
  const d = db(env);
  const where: SQL[] = [eq(journalEntries.groupId, groupId)];
  if (opts.from) where.push(gte(journalEntries.date, opts.from));
  if (opts.to) where.push(lte(journalEntries.date, opts.to));
  if (opts.ids) where.push(inArray(journalEntries.id, opts.ids.length ? opts.ids : [""]));
  const dir = opts.order === "desc" ? desc : asc;
  let q = d
    .select()
    .from(journalEntries)
    .where(and(...where))
    .orderBy(dir(journalEntries.date), dir(journalEntries.createdAt), dir(journalEntries.id))
    .$dynamic();
  if (opts.limit) q = q.limit(opts.limit);
  const entries = await q;
  if (entries.length === 0) return [];
  const lines = [];
  // Chunk the IN list: D1 allows at most 100 bound parameters per statement.
  for (let i = 0; i < entries.length; i += 90) {
    const ids = entries.slice(i, i + 90).map((e) => e.id);
    lines.push(
      ...(await d
        .select()
        .from(journalLines)
        .where(inArray(journalLines.entryId, ids))
        .orderBy(asc(journalLines.entryId), asc(journalLines.lineNo))),
    );
  }
  const byEntry = new Map<string, (typeof journalLines.$inferSelect)[]>();
  for (const l of lines) byEntry.set(l.entryId, [...(byEntry.get(l.entryId) ?? []), l]);
  return entries.map((e) => ({ ...e, lines: byEntry.get(e.id) ?? [] }));
}

/** Balances from `v_account_balance`, or summed from `v_account_daily` up to `asOf` inclusive. */
export async function accountBalances(env: Env, groupId: string, asOf?: string) {
  const d = db(env);
  if (!asOf) {
    return d
      .select()
      .from(vAccountBalance)
      .where(eq(vAccountBalance.groupId, groupId))
      .orderBy(asc(vAccountBalance.code));
  }
  const sums = await d
    .select({ accountId: vAccountDaily.accountId, balanceCents: sql<number>`sum(${vAccountDaily.netCents})` })
    .from(vAccountDaily)
    .where(and(eq(vAccountDaily.groupId, groupId), lte(vAccountDaily.date, asOf)))
    .groupBy(vAccountDaily.accountId);
  const byAccount = new Map(sums.map((s) => [s.accountId, Number(s.balanceCents)]));
  const accounts = await d
    .select()
    .from(treasuryAccounts)
    .where(eq(treasuryAccounts.groupId, groupId))
    .orderBy(asc(treasuryAccounts.code));
  return accounts.map((a) => ({
    groupId,
    accountId: a.id,
    code: a.code,
    name: a.name,
    type: a.type,
    active: a.active,
    balanceCents: byAccount.get(a.id) ?? 0,
  }));
}

/** Sum of asset balances (cash on hand + bank) up to `asOf` inclusive, or now. */
export async function fundsCents(env: Env, groupId: string, asOf?: string): Promise<number> {
  const rows = await accountBalances(env, groupId, asOf);
  return rows.filter((r) => r.type === "asset").reduce((a, r) => a + r.balanceCents, 0);
}

/**
 * Average monthly operating expense between `from` and `to` over `months` months. Contributions
 * to service bodies (5500) are left out: they are paid from what is above the reserve, not part of it.
 */
export async function averageMonthlyExpensesCents(
  env: Env,
  groupId: string,
  from: string,
  to: string,
  months: number,
): Promise<number> {
  const row = await db(env)
    .select({ total: sql<number>`coalesce(sum(${journalLines.amountCents}), 0)` })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .innerJoin(treasuryAccounts, eq(treasuryAccounts.id, journalLines.accountId))
    .where(
      and(
        eq(journalEntries.groupId, groupId),
        eq(treasuryAccounts.type, "expense"),
        ne(treasuryAccounts.code, CODES.serviceBodies),
        gte(journalEntries.date, from),
        lte(journalEntries.date, to),
      ),
    )
    .get();
  return Math.round(Number(row?.total ?? 0) / Math.max(1, months));
}

/** The JSON shape of an entry in API answers. */
export function entryJson(e: EntryWithLines) {
  return {
    id: e.id,
    date: e.date,
    memo: e.memo,
    kind: e.kind,
    reversesEntryId: e.reversesEntryId,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    lines: e.lines.map((l) => ({
      lineNo: l.lineNo,
      accountId: l.accountId,
      amountCents: l.amountCents,
      meetingId: l.meetingId,
      occurrenceId: l.occurrenceId,
    })),
  };
}
