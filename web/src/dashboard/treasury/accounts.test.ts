import { describe, expect, it } from "vitest";
import { errorsText } from "../../i18n/dashboard-errors";
import { formErrorsFromApi } from "../form-errors";
import { HttpError } from "../http";
import { ACCOUNT_PLACEMENT, checkAccountDraft, checkAccountName, groupByType } from "./accounts";

describe("groupByType", () => {
  it("puts types in chart order, sorts each by code numerically, and leaves out empty types", () => {
    const accounts = [
      { code: "5300", type: "expense" as const },
      { code: "4100", type: "income" as const },
      { code: "1100", type: "asset" as const },
      { code: "900", type: "asset" as const },
      { code: "5200", type: "expense" as const },
      { code: "1000", type: "asset" as const },
      { code: "5300.A", type: "expense" as const },
    ];
    expect(groupByType(accounts).map((g) => [g.type, g.accounts.map((a) => a.code)])).toEqual([
      ["asset", ["900", "1000", "1100"]],
      ["income", ["4100"]],
      ["expense", ["5200", "5300", "5300.A"]],
    ]);
  });
  it("does not reorder the list it was given", () => {
    const accounts = [
      { code: "2", type: "asset" as const },
      { code: "1", type: "asset" as const },
    ];
    groupByType(accounts);
    expect(accounts.map((a) => a.code)).toEqual(["2", "1"]);
  });
});

describe("checkAccountDraft", () => {
  it("accepts what the API accepts (the code is trimmed)", () => {
    expect(checkAccountDraft({ code: " 5600 ", name: "Hall deposit", type: "expense" })).toEqual({});
    expect(checkAccountDraft({ code: "4200.gso-2", name: "x".repeat(80), type: "income" })).toEqual({});
  });
  it("names each field that is missing or malformed", () => {
    expect(checkAccountDraft({ code: "", name: "  ", type: "expense" })).toEqual({
      code: { problem: "required" },
      name: { problem: "required" },
    });
    expect(checkAccountDraft({ code: "56 00", name: "Rent", type: "expense" })).toEqual({
      code: { problem: "codeFormat" },
    });
    expect(checkAccountDraft({ code: "12345678901234567", name: "Rent", type: "expense" })).toEqual({
      code: { problem: "codeFormat" },
    });
    expect(checkAccountDraft({ code: "5600", name: "x".repeat(81), type: "expense" })).toEqual({
      name: { problem: "nameTooLong" },
    });
    expect(checkAccountDraft({ code: "5600", name: "Rent", type: "revenue" })).toEqual({
      type: { problem: "badType" },
    });
  });
  it("checks a rename by the same name rule", () => {
    expect(checkAccountName(" Rent ")).toBeUndefined();
    expect(checkAccountName("")).toEqual({ problem: "required" });
  });
});

describe("ACCOUNT_PLACEMENT", () => {
  const say = errorsText.in("es");
  it("puts duplicate_code on the code field in the reader's language", () => {
    const error = new HttpError(409, "duplicate_code", "Account code 5300 exists", [
      { path: "json.code", message: "Already used" },
    ]);
    expect(formErrorsFromApi(error, ACCOUNT_PLACEMENT, say)).toEqual({ fields: { code: say("err.duplicateCode") } });
  });
  it("puts validation issues on their fields; what names no field goes to the top", () => {
    const error = new HttpError(400, "invalid_request", "Invalid", [
      { path: "json.name", message: "Too big", code: "too_big", origin: "string", maximum: 80 },
      { path: "param.accountId", message: "Required" },
    ]);
    expect(formErrorsFromApi(error, ACCOUNT_PLACEMENT, say)).toEqual({
      fields: { name: "Usa como máximo 80 caracteres." },
      form: say("err.generic"),
    });
    expect(formErrorsFromApi(new HttpError(403, "forbidden", "No"), ACCOUNT_PLACEMENT, say)).toEqual({
      fields: {},
      form: say("err.forbidden"),
    });
  });
});
