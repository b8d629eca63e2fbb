import { describe, expect, it } from "vitest";
import { budgetBars, fundsOf, monthEnds } from "./series";

describe("chart series", () => {
  it("lists month ends up to today, across a year end", () => {
    const ends = monthEnds("2026-02-10", 3);
    expect(ends).toEqual([
      { month: "2025-12", asOf: "2025-12-31" },
      { month: "2026-01", asOf: "2026-01-31" },
      { month: "2026-02", asOf: "2026-02-10" },
    ]);
  });
  it("sums only asset accounts as funds on hand", () => {
    expect(
      fundsOf([
        { type: "asset", balanceCents: 1000 },
        { type: "asset", balanceCents: 250 },
        { type: "income", balanceCents: -1250 },
      ]),
    ).toBe(1250);
  });
  it("puts budget and actual on one scale and flags overspending, not extra income", () => {
    const bars = budgetBars([
      {
        accountId: "a",
        code: "4100",
        name: "Seventh Tradition",
        type: "income",
        budgetCents: 100_000,
        actualCents: -50_000,
        pctUsed: null,
      },
      {
        accountId: "b",
        code: "5200",
        name: "Rent",
        type: "expense",
        budgetCents: 20_000,
        actualCents: 25_000,
        pctUsed: 125,
      },
      {
        accountId: "c",
        code: "5300",
        name: "Literature",
        type: "expense",
        budgetCents: 0,
        actualCents: 0,
        pctUsed: null,
      },
      {
        accountId: "d",
        code: "4200",
        name: "Service",
        type: "income",
        budgetCents: 1_000,
        actualCents: 2_000,
        pctUsed: 200,
      },
    ]);
    expect(bars.map((b) => b.key)).toEqual(["a", "b", "d"]);
    expect(bars[2]?.over).toBe(false);
    expect(bars[0]).toMatchObject({ budgetPct: 100, actualPct: 50, actualCents: 50_000, pctUsed: 50, over: false });
    expect(bars[1]).toMatchObject({ budgetPct: 20, actualPct: 25, over: true, pctUsed: 125 });
  });
});
