import { describe, expect, it } from "vitest";
import { checkEntry } from "./entry-lines";

describe("manual journal entry lines", () => {
  it("turns debits and credits into signed cents that sum to zero", () => {
    const r = checkEntry([
      { accountId: "cash", debit: "", credit: "25" },
      { accountId: "bank", debit: "25.00", credit: "" },
      { accountId: "", debit: "", credit: "" },
    ]);
    expect(r).toEqual({
      ok: true,
      totalCents: 2500,
      lines: [
        { accountId: "cash", amountCents: -2500 },
        { accountId: "bank", amountCents: 2500 },
      ],
    });
  });
  it("refuses unbalanced, one-line, two-sided and non-money lines", () => {
    expect(
      checkEntry([
        { accountId: "a", debit: "10", credit: "" },
        { accountId: "b", debit: "", credit: "9.99" },
      ]),
    ).toMatchObject({ ok: false, reason: "unbalanced", debitCents: 1000, creditCents: 999 });
    expect(checkEntry([{ accountId: "a", debit: "10", credit: "" }])).toMatchObject({ ok: false, reason: "tooFew" });
    expect(
      checkEntry([
        { accountId: "a", debit: "10", credit: "10" },
        { accountId: "b", debit: "", credit: "10" },
      ]),
    ).toMatchObject({ ok: false, reason: "amount" });
    expect(
      checkEntry([
        { accountId: "a", debit: "10.005", credit: "" },
        { accountId: "b", debit: "", credit: "10" },
      ]),
    ).toMatchObject({ ok: false, reason: "amount" });
  });
});
