/** Chart data shaping (plain, unit-tested): month ends for the balance history, bar scales. */
import { lastDayOf, shiftMonth } from "../format";

/** The last `count` months up to and including the month of `today`, each with its last day (capped at today). */
export function monthEnds(today: string, count: number): { month: string; asOf: string }[] {
  const current = today.slice(0, 7);
  return Array.from({ length: count }, (_, i) => {
    const month = shiftMonth(current, i - (count - 1));
    const end = lastDayOf(month);
    return { month, asOf: end > today ? today : end };
  });
}

/** Funds on hand: the sum of the asset accounts' (debit-positive) balances. */
export function fundsOf(balances: readonly { type: string; balanceCents: number }[]): number {
  return balances.filter((b) => b.type === "asset").reduce((sum, b) => sum + b.balanceCents, 0);
}

export type BudgetBar = {
  key: string;
  label: string;
  budgetCents: number;
  actualCents: number;
  budgetPct: number;
  actualPct: number;
  pctUsed: number | null;
  over: boolean;
};

/**
 * Budget-vs-actual bars on one shared scale (the largest budget or actual is 100%). Actuals are
 * shown as positive amounts whichever side of the ledger they sit on. Only spending past its
 * budget is flagged: income above budget is good news, not a warning.
 */
export function budgetBars(
  rows: readonly {
    accountId: string;
    code: string;
    name: string;
    type: string;
    budgetCents: number;
    actualCents: number;
    pctUsed: number | null;
  }[],
): BudgetBar[] {
  const shown = rows.filter((r) => r.budgetCents !== 0 || r.actualCents !== 0);
  const max = Math.max(1, ...shown.flatMap((r) => [Math.abs(r.budgetCents), Math.abs(r.actualCents)]));
  return shown.map((r) => {
    const budget = Math.abs(r.budgetCents);
    const actual = Math.abs(r.actualCents);
    return {
      key: r.accountId,
      label: `${r.code} ${r.name}`,
      budgetCents: budget,
      actualCents: actual,
      budgetPct: (budget / max) * 100,
      actualPct: (actual / max) * 100,
      pctUsed: r.pctUsed ?? (budget > 0 ? Math.round((actual / budget) * 100) : null),
      over: r.type === "expense" && budget > 0 && actual > budget,
    };
  });
}
