import { and, asc, eq, gte, lte } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { meetings } from "../../db/schema";
import { bankStatements, journalEntries, journalLines, treasuryAccounts } from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { validate } from "../../http/validate";
import { reconcile } from "../distribution";
import { type ExportAssertion, journalCsv, journalLedger } from "../export";
import { dayBefore, monthBounds } from "../fiscal-year";
import { groupIdOf } from "../../http/treasury";
import { isoDateSchema } from "../money";
import { loadPlan, reserveFigures } from "../plan-store";
import { accountBalances, fundsCents, loadEntries } from "../queries";
import { buildMonthlyReport, monthlyReportCsv, monthlyReportHtml } from "../report";
import { ensureChartOfAccounts, loadGroup } from "../store";
import { GROUP, TREASURY_READERS } from "./rules";
import { okText } from "../../apidocs/responses";

const tags = ["treasury"];
const monthQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "Must be a month YYYY-MM" }),
  format: z.enum(["json", "csv", "html"]).default("json"),
});
const rangeQuery = z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() });

/** Builds the monthly report for a group (also used by the dashboard through the JSON form). */
export async function monthlyReportFor(env: Env, groupId: string, month: string) {
  const group = await loadGroup(env, groupId);
  const { first, last } = monthBounds(month);
  const lines = await db(env)
    .select({
      entryId: journalLines.entryId,
      accountId: journalLines.accountId,
      code: treasuryAccounts.code,
      name: treasuryAccounts.name,
      type: treasuryAccounts.type,
      amountCents: journalLines.amountCents,
      meetingId: journalLines.meetingId,
      meetingName: meetings.name,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .innerJoin(treasuryAccounts, eq(treasuryAccounts.id, journalLines.accountId))
    .leftJoin(meetings, eq(meetings.id, journalLines.meetingId))
    .where(and(eq(journalEntries.groupId, groupId), gte(journalEntries.date, first), lte(journalEntries.date, last)));
  const plan = await loadPlan(env, groupId);
  const reserve = await reserveFigures(env, groupId, month, plan);
  return buildMonthlyReport({
    groupName: group.name,
    month,
    currency: group.currency,
    balanceForwardCents: await fundsCents(env, groupId, dayBefore(first)),
    lines,
    reserveTargetCents: reserve.reserveTargetCents,
  });
}

async function exportData(env: Env, groupId: string, range: { from?: string; to?: string }) {
  const [group, accounts, entries] = await Promise.all([
    loadGroup(env, groupId),
    ensureChartOfAccounts(env, groupId),
    loadEntries(env, groupId, { ...range, order: "asc" }),
  ]);
  return { group, accounts: new Map(accounts.map((a) => [a.id, a])), entries };
}

/**
 * Bank statements that agree with the books, as balance assertions for the ledger export.
 * Only for a full-history export: with `from`, running balances would start mid-stream.
 */
async function agreeingStatements(
  env: Env,
  groupId: string,
  range: { from?: string; to?: string },
): Promise<ExportAssertion[]> {
  if (range.from) return [];
  const statements = await db(env)
    .select()
    .from(bankStatements)
    .where(eq(bankStatements.groupId, groupId))
    .orderBy(asc(bankStatements.statementDate))
    .limit(500);
  const out: ExportAssertion[] = [];
  const balancesByDate = new Map<string, Awaited<ReturnType<typeof accountBalances>>>();
  for (const s of statements) {
    if (range.to && s.statementDate > range.to) continue;
    if (!balancesByDate.has(s.statementDate))
      balancesByDate.set(s.statementDate, await accountBalances(env, groupId, s.statementDate));
    const book = balancesByDate.get(s.statementDate)!.find((b) => b.accountId === s.accountId)?.balanceCents ?? 0;
    if (reconcile(book, s.balanceCents).agrees)
      out.push({ date: s.statementDate, accountId: s.accountId, balanceCents: s.balanceCents, note: s.note });
  }
  return out;
}

const download = (filename: string) => ({ "Content-Disposition": `attachment; filename="${filename}"` });

/** The monthly treasurer report (JSON, CSV, printable HTML) and journal exports (CSV, ledger). */
export const treasuryReportRoutes = new Hono<AppEnv>()
  .get(
    "/reports/monthly",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({
      tags,
      summary: "Monthly treasurer report (format=json|csv|html)",
      responses: {
        200: {
          description: "The report as JSON, CSV or HTML (`format`)",
          content: {
            "application/json": { schema: resolver(z.object({ report: z.looseObject({}) })) },
            "text/csv": { schema: { type: "string" } },
            "text/html": { schema: { type: "string" } },
          },
        },
      },
    }),
    validate("query", monthQuery),
    async (c) => {
      const { month, format } = c.req.valid("query");
      const report = await monthlyReportFor(c.env, groupIdOf(c), month);
      if (format === "csv")
        return c.body(monthlyReportCsv(report), 200, {
          "Content-Type": "text/csv; charset=utf-8",
          ...download(`treasurer-report-${month}.csv`),
        });
      if (format === "html") {
        // Self-contained page: inline styles only, nothing loaded from anywhere.
        return c.html(monthlyReportHtml(report), 200, {
          "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        });
      }
      return c.json({ report });
    },
  )
  .get(
    "/journal.csv",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({
      tags,
      summary: "The journal as CSV, one row per line",
      responses: okText("text/csv", "The journal, one row per line"),
    }),
    validate("query", rangeQuery),
    async (c) => {
      const { accounts, entries } = await exportData(c.env, groupIdOf(c), c.req.valid("query"));
      return c.body(journalCsv(entries, accounts), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        ...download("journal.csv"),
      });
    },
  )
  .get(
    "/journal.ledger",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({
      tags,
      summary: "The journal as hledger/ledger plain-text accounting",
      responses: okText("text/plain", "hledger journal"),
    }),
    validate("query", rangeQuery),
    async (c) => {
      const range = c.req.valid("query");
      const { group, accounts, entries } = await exportData(c.env, groupIdOf(c), range);
      const assertions = await agreeingStatements(c.env, groupIdOf(c), range);
      return c.body(journalLedger(entries, accounts, group.currency, group.name, assertions), 200, {
        "Content-Type": "text/plain; charset=utf-8",
        ...download("journal.ledger"),
      });
    },
  );
