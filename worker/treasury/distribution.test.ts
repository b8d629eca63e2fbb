import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Plan, planSchema, proposeDistribution, reconcile } from "./distribution";

const plan = (split: Plan["split"], reserve: Plan["reserve"] = { mode: "months", months: 2 }): Plan => ({
  reserve,
  split,
});

describe("planSchema", () => {
  it("requires the split to sum to 100, naming split", () => {
    const bad = planSchema.safeParse({
      reserve: { mode: "months", months: 2 },
      split: { district: 10, area: 10, intergroup: 30, gso: 40 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["split"]);
    expect(
      planSchema.safeParse({
        reserve: { mode: "amount", amountCents: 50000 },
        split: { district: 10, area: 10, intergroup: 30, gso: 50 },
      }).success,
    ).toBe(true);
  });
  it("refuses fractional percentages and float reserves", () => {
    expect(
      planSchema.safeParse({
        reserve: { mode: "months", months: 2 },
        split: { district: 10.5, area: 9.5, intergroup: 30, gso: 50 },
      }).success,
    ).toBe(false);
    expect(
      planSchema.safeParse({
        reserve: { mode: "amount", amountCents: 10.5 },
        split: { district: 10, area: 10, intergroup: 30, gso: 50 },
      }).success,
    ).toBe(false);
  });
});

describe("proposeDistribution", () => {
  it("splits what is above a months-of-expenses reserve", () => {
    const p = proposeDistribution(plan({ district: 10, area: 10, intergroup: 30, gso: 50 }), 150_000, 40_000);
    expect(p.reserveTargetCents).toBe(80_000);
    expect(p.distributableCents).toBe(70_000);
    expect(p.payouts.map((x) => x.amountCents)).toEqual([7_000, 7_000, 21_000, 35_000]);
    expect(p.belowReserve).toBe(false);
  });
  it("proposes nothing and warns below the reserve", () => {
    const p = proposeDistribution(
      plan({ district: 40, area: 30, intergroup: 30, gso: 0 }, { mode: "amount", amountCents: 100_000 }),
      90_000,
      0,
    );
    expect(p.belowReserve).toBe(true);
    expect(p.payouts.every((x) => x.amountCents === 0)).toBe(true);
  });
  it("payouts always sum exactly to the distributable cents and never pay a 0% body", () => {
    const split = fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .map(([a, b, c]) => [a, b, c].sort((x, y) => x - y))
      .map(([a, b, c]) => ({ district: a, area: b - a, intergroup: c - b, gso: 100 - c }));
    fc.assert(
      fc.property(
        split,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (s, available, avg) => {
          const p = proposeDistribution(plan(s), available, avg);
          expect(p.payouts.reduce((a, x) => a + x.amountCents, 0)).toBe(p.distributableCents);
          for (const x of p.payouts) if (x.percent === 0) expect(x.amountCents).toBe(0);
        },
      ),
    );
  });
});

describe("reconcile", () => {
  it("reports agreement and the difference", () => {
    expect(reconcile(1000, 1000)).toMatchObject({ agrees: true, differenceCents: 0 });
    expect(reconcile(1000, 1250)).toMatchObject({ agrees: false, differenceCents: 250 });
  });
});
