import { describe, expect, it } from "vitest";
import { errorsText } from "../../i18n/dashboard-errors";
import { formErrorsFromApi } from "../form-errors";
import { HttpError } from "../http";
import { checkPayDraft, PAY_PLACEMENT, payableFrom } from "./pay-form";

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
    const say = errorsText.in("en");
    const refusal = (issues: { path: string; message: string }[]) =>
      formErrorsFromApi(new HttpError(400, "invalid_request", "Invalid", issues), PAY_PLACEMENT, say);
    const both = refusal([
      { path: "json.date", message: "x" },
      { path: "json.reference", message: "y" },
    ]);
    expect(Object.keys(both.fields)).toEqual(["date", "reference"]);
    expect(both.form).toBeUndefined();
    expect(Object.keys(refusal([{ path: "json.lines.1.accountId", message: "x" }]).fields)).toEqual(["fromAccountId"]);
    const general = refusal([{ path: "json.noReceiptReason", message: "x" }]);
    expect(general).toEqual({ fields: {}, form: say("err.generic") });
  });
});
