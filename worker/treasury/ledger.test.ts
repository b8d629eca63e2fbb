import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEntryLines, reversingLines, sumCents } from "./ledger";

const line = (accountId: string, amountCents: number) => ({ accountId, amountCents });

describe("checkEntryLines", () => {
  it("accepts a balanced two-line entry", () => {
    expect(checkEntryLines([line("a", 1000), line("b", -1000)])).toEqual([]);
  });
  it("refuses a single line", () => {
    expect(checkEntryLines([line("a", 0)]).map((i) => i.path)).toContain("lines");
  });
  it("refuses an unbalanced entry, naming lines", () => {
    expect(checkEntryLines([line("a", 1000), line("b", -999)])).toEqual([
      { path: "lines", message: expect.stringContaining("sum to zero") },
    ]);
  });
  it("refuses zero, fractional and huge amounts, naming the line", () => {
    expect(checkEntryLines([line("a", 0), line("b", 0)]).map((i) => i.path)).toEqual([
      "lines.0.amountCents",
      "lines.1.amountCents",
    ]);
    expect(checkEntryLines([line("a", 10.005), line("b", -10.005)])[0].path).toBe("lines.0.amountCents");
    expect(checkEntryLines([line("a", 1e20), line("b", -1e20)])[0].path).toBe("lines.0.amountCents");
  });
  it("any entry built as amounts plus a balancing line passes; any perturbation fails", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 100 }),
        (amounts, delta) => {
          const lines = [...amounts.map((a, i) => line(`acc${i}`, a)), line("bal", -sumCents(amounts))];
          expect(checkEntryLines(lines)).toEqual([]);
          const broken = [...lines.slice(0, -1), line("bal", -sumCents(amounts) + delta)];
          expect(checkEntryLines(broken).length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe("reversingLines", () => {
  it("flips every sign and keeps accounts and tags, so entry + reversal nets to zero per account", () => {
    const original = [
      { accountId: "cash", amountCents: 2500, meetingId: "m1" },
      { accountId: "income", amountCents: -2500, meetingId: "m1" },
    ];
    const rev = reversingLines(original);
    expect(rev).toEqual([
      { accountId: "cash", amountCents: -2500, meetingId: "m1", occurrenceId: null },
      { accountId: "income", amountCents: 2500, meetingId: "m1", occurrenceId: null },
    ]);
    expect(checkEntryLines(rev)).toEqual([]);
  });
});
