import { describe, expect, it } from "vitest";
import { checkPayDraft, firstPayError, payableFrom, payErrorsFromApi } from "./pay-form";

describe("paying a claim", () => {
  it("offers only active asset accounts, by code", () => {
    const accounts = [
      { id: "c", code: "1100", type: "asset", active: true },
      { id: "x", code: "900", type: "asset", active: false },
      { id: "e", code: "5200", type: "expense", active: true },
      { id: "a", code: "1000", type: "asset", active: true },
    ];
    expect(payableFrom(accounts).map((a) => a.id)).toEqual(["a", "c"]);
  });
  it("checks a draft: a date, an account, a reference of at most 40 characters", () => {
    expect(checkPayDraft({ date: "2026-11-30", fromAccountId: "a", reference: "" })).toEqual({});
    expect(checkPayDraft({ date: "", fromAccountId: "", reference: "x".repeat(41) })).toEqual({
      date: true,
      fromAccountId: true,
      reference: true,
    });
    expect(checkPayDraft({ date: "2026-11-30", fromAccountId: "a", reference: ` ${"x".repeat(40)} ` })).toEqual({});
  });
  it("places API issues on their fields, an entry line's account on paid-from, and leaves the rest general", () => {
    expect(payErrorsFromApi({ issues: [{ path: "json.date" }, { path: "json.reference" }] })).toEqual({
      date: true,
      reference: true,
    });
    expect(payErrorsFromApi({ issues: [{ path: "json.lines.1.accountId" }] })).toEqual({ fromAccountId: true });
    expect(payErrorsFromApi({ issues: [{ path: "json.noReceiptReason" }] })).toEqual({});
    expect(payErrorsFromApi({})).toEqual({});
    expect(firstPayError({ reference: true, date: true })).toBe("date");
    expect(firstPayError({})).toBeUndefined();
  });
});
