/** Reading the group conscience plan and the figures that depend on it. */
import { asc, eq } from "drizzle-orm";
import { db } from "../db/client";
import { journalEntries, type TreasuryPlanRow, treasuryPlans } from "../db/schema-treasury";
import type { Plan } from "./distribution";
import { reserveTargetCents } from "./distribution";
import { addMonths, monthBounds } from "./fiscal-year";
import { averageMonthlyExpensesCents } from "./queries";

/** The API shape of a stored plan. */
export function planFromRow(row: TreasuryPlanRow): Plan {
  return {
    reserve:
      row.reserveMode === "amount"
        ? { mode: "amount", amountCents: row.reserveAmountCents ?? 0 }
        : { mode: "months", months: row.reserveMonths ?? 0 },
    split: { district: row.districtPct, area: row.areaPct, intergroup: row.intergroupPct, gso: row.gsoPct },
    ...(row.adoptedOn ? { adoptedOn: row.adoptedOn } : {}),
  };
}

/** The row to store for a plan. */
export function planRow(groupId: string, plan: Plan, actor: string | null, now = Date.now()): TreasuryPlanRow {
  return {
    groupId,
    reserveMode: plan.reserve.mode,
    reserveMonths: plan.reserve.mode === "months" ? plan.reserve.months : null,
    reserveAmountCents: plan.reserve.mode === "amount" ? plan.reserve.amountCents : null,
    districtPct: plan.split.district,
    areaPct: plan.split.area,
    intergroupPct: plan.split.intergroup,
    gsoPct: plan.split.gso,
    adoptedOn: plan.adoptedOn ?? null,
    updatedBy: actor,
    updatedAt: now,
  };
}

export async function loadPlan(env: Env, groupId: string): Promise<Plan | null> {
  const row = await db(env).select().from(treasuryPlans).where(eq(treasuryPlans.groupId, groupId)).get();
  return row ? planFromRow(row) : null;
}

/**
 * Average monthly expenses over the (up to) twelve full months before `month`, counting only
 * months since the books began, and the reserve target the plan derives from it.
 */
export async function reserveFigures(env: Env, groupId: string, month: string, plan: Plan | null) {
  const first = await db(env)
    .select({ date: journalEntries.date })
    .from(journalEntries)
    .where(eq(journalEntries.groupId, groupId))
    .orderBy(asc(journalEntries.date))
    .limit(1)
    .get();
  let months = 12;
  if (first) {
    const startMonth = first.date.slice(0, 7);
    const span =
      (Number(month.slice(0, 4)) - Number(startMonth.slice(0, 4))) * 12 +
      Number(month.slice(5, 7)) -
      Number(startMonth.slice(5, 7));
    months = Math.max(1, Math.min(12, span));
  }
  const from = monthBounds(addMonths(month, -months)).first;
  const to = monthBounds(addMonths(month, -1)).last;
  const average = await averageMonthlyExpensesCents(env, groupId, from, to, months);
  return {
    averageMonthlyExpensesCents: average,
    monthsAveraged: months,
    reserveTargetCents: plan ? reserveTargetCents(plan, average) : null,
  };
}
