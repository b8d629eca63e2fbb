import { and, asc, eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { budgetLines, fiscalYears, treasuryAccounts, vBudgetVsActual } from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { notFound } from "../../lib/errors";
import { validate } from "../../http/validate";
import { actorId, groupIdOf } from "../../http/treasury";
import { isoDateSchema, nonNegativeCentsSchema } from "../money";
import { accountBalances, fundsCents } from "../queries";
import { auditStatement, ensureChartOfAccounts, ensureFiscalYear, runBatch, type Statement } from "../store";
import { newId } from "../../lib/ids";
import { GROUP, TREASURER, TREASURY_READERS } from "./rules";
import { ok } from "../../apidocs/responses";
import {
  BalancesJson,
  BudgetLinesJson,
  BudgetVsActualJson,
  FiscalYearClosedJson,
  FiscalYearListJson,
  FiscalYearOpenedJson,
} from "../answers";

const tags = ["treasury"];
const fyParam = z.object({ groupId: z.string(), fyId: z.string().min(1).max(64) });
const newFy = z.object({ startYear: z.int().min(2000).max(2100).optional() }).default({});
const linesBody = z.object({
  lines: z.array(z.object({ accountId: z.string().min(1).max(64), amountCents: nonNegativeCentsSchema })).max(200),
});
const asOfQuery = z.object({ asOf: isoDateSchema.optional() });

async function loadFy(env: Env, groupId: string, fyId: string) {
  const fy = await db(env)
    .select()
    .from(fiscalYears)
    .where(and(eq(fiscalYears.id, fyId), eq(fiscalYears.groupId, groupId)))
    .get();
  if (!fy) throw notFound("Fiscal year");
  return fy;
}

/** Fiscal years (from the group's start month), budget lines, closing, budget vs actual, balances. */
export const treasuryBudgetRoutes = new Hono<AppEnv>()
  .get(
    "/budget/fy",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({
      tags,
      summary: "Fiscal years (the current one is created on first use)",
      responses: ok(FiscalYearListJson),
    }),
    async (c) => {
      const groupId = groupIdOf(c);
      const current = await ensureFiscalYear(c.env, groupId);
      const years = await db(c.env)
        .select()
        .from(fiscalYears)
        .where(eq(fiscalYears.groupId, groupId))
        .orderBy(asc(fiscalYears.startsOn));
      return c.json({ currentId: current.id, fiscalYears: years });
    },
  )
  .post(
    "/budget/fy",
    allow.roles(TREASURER, GROUP),
    describeRoute({
      tags,
      summary: "Open the fiscal year starting in startYear",
      responses: ok(FiscalYearOpenedJson, 201),
    }),
    validate("json", newFy),
    async (c) => {
      const fy = await ensureFiscalYear(c.env, groupIdOf(c), c.req.valid("json").startYear);
      return c.json({ fiscalYear: fy }, 201);
    },
  )
  .put(
    "/budget/fy/:fyId/lines",
    allow.roles(TREASURER, GROUP),
    describeRoute({
      tags,
      summary: "Set budget lines (per account) for a fiscal year",
      responses: ok(BudgetLinesJson),
    }),
    validate("param", fyParam),
    validate("json", linesBody),
    async (c) => {
      const groupId = groupIdOf(c);
      const fy = await loadFy(c.env, groupId, c.req.valid("param").fyId);
      if (fy.closedAt) throw fail(409, "period_closed", "This fiscal year is closed");
      const { lines } = c.req.valid("json");
      const ids = [...new Set(lines.map((l) => l.accountId))];
      if (ids.length !== lines.length)
        throw fail(400, "invalid_request", "One line per account", {
          issues: [{ path: "json.lines", message: "Duplicate accountId" }],
        });
      await ensureChartOfAccounts(c.env, groupId);
      const d = db(c.env);
      const known = ids.length
        ? await d
            .select({ id: treasuryAccounts.id, type: treasuryAccounts.type })
            .from(treasuryAccounts)
            .where(and(eq(treasuryAccounts.groupId, groupId), inArray(treasuryAccounts.id, ids)))
        : [];
      const types = new Map(known.map((k) => [k.id, k.type]));
      const issues = lines.flatMap((l, i) => {
        const type = types.get(l.accountId);
        if (!type) return [{ path: `json.lines.${i}.accountId`, message: "No such account in this group" }];
        if (type !== "income" && type !== "expense")
          return [{ path: `json.lines.${i}.accountId`, message: "Budget income and expense accounts only" }];
        return [];
      });
      if (issues.length) throw fail(400, "invalid_request", "Invalid budget lines", { issues });
      const before = await d
        .select({ accountId: budgetLines.accountId, amountCents: budgetLines.amountCents })
        .from(budgetLines)
        .where(eq(budgetLines.fiscalYearId, fy.id));
      const statements: Statement[] = [d.delete(budgetLines).where(eq(budgetLines.fiscalYearId, fy.id))];
      for (let i = 0; i < lines.length; i += 20)
        statements.push(
          d
            .insert(budgetLines)
            .values(lines.slice(i, i + 20).map((l) => ({ id: newId("bl_"), fiscalYearId: fy.id, ...l }))),
        );
      statements.push(
        auditStatement(d, {
          groupId,
          actorId: actorId(c),
          action: "budget.set",
          entity: "fiscal_year",
          entityId: fy.id,
          before,
          after: lines,
        }),
      );
      await runBatch(c.env, statements);
      return c.json({ fiscalYearId: fy.id, lines });
    },
  )
  .post(
    "/budget/fy/:fyId/close",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({
      tags,
      summary: "Close a fiscal year: no more postings dated inside it",
      responses: ok(FiscalYearClosedJson),
    }),
    validate("param", fyParam),
    async (c) => {
      const groupId = groupIdOf(c);
      const fy = await loadFy(c.env, groupId, c.req.valid("param").fyId);
      if (fy.closedAt) throw fail(409, "already_closed", "This fiscal year is already closed");
      const now = Date.now();
      const actor = actorId(c);
      const d = db(c.env);
      const closingFunds = await fundsCents(c.env, groupId, fy.endsOn);
      await runBatch(c.env, [
        d.update(fiscalYears).set({ closedAt: now, closedBy: actor }).where(eq(fiscalYears.id, fy.id)),
        auditStatement(d, {
          groupId,
          actorId: actor,
          action: "fiscal_year.close",
          entity: "fiscal_year",
          entityId: fy.id,
          before: { closedAt: null },
          after: { closedAt: now, closingFundsCents: closingFunds },
          at: now,
        }),
      ]);
      return c.json({ fiscalYear: { ...fy, closedAt: now, closedBy: actor }, closingFundsCents: closingFunds });
    },
  )
  .get(
    "/budget/fy/:fyId/vaa",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "Budget vs actual (view v_budget_vs_actual)", responses: ok(BudgetVsActualJson) }),
    validate("param", fyParam),
    async (c) => {
      const groupId = groupIdOf(c);
      const fy = await loadFy(c.env, groupId, c.req.valid("param").fyId);
      const rows = await db(c.env)
        .select()
        .from(vBudgetVsActual)
        .where(eq(vBudgetVsActual.fiscalYearId, fy.id))
        .orderBy(asc(vBudgetVsActual.code));
      return c.json({ fiscalYear: fy, rows });
    },
  )
  .get(
    "/balances",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({
      tags,
      summary: "Account balances (view v_account_balance), optionally as of a date",
      responses: ok(BalancesJson),
    }),
    validate("query", asOfQuery),
    async (c) => {
      const groupId = groupIdOf(c);
      await ensureChartOfAccounts(c.env, groupId);
      const { asOf } = c.req.valid("query");
      const balances = await accountBalances(c.env, groupId, asOf);
      const total = balances.reduce((a, b) => a + b.balanceCents, 0);
      return c.json({ asOf: asOf ?? null, balances, trialBalanceCents: total });
    },
  );
