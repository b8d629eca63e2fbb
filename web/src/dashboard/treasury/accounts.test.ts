import { describe, expect, it } from "vitest";
import { checkAccountDraft, checkAccountName, fieldErrorsFromApi, firstInvalidField, groupByType } from "./accounts";

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

describe("fieldErrorsFromApi", () => {
  it("puts duplicate_code on the code field", () => {
    const errors = fieldErrorsFromApi({
      code: "duplicate_code",
      issues: [{ path: "json.code", message: "Already used" }],
    });
    expect(errors).toEqual({ code: { problem: "duplicate" } });
    expect(firstInvalidField(errors)).toBe("code");
  });
  it("puts validation issues on their fields and ignores the rest", () => {
    const errors = fieldErrorsFromApi({
      code: "invalid_request",
      issues: [
        { path: "json.name", message: "Too big" },
        { path: "param.accountId", message: "Required" },
      ],
    });
    expect(errors).toEqual({ name: { serverMessage: "Too big" } });
    expect(firstInvalidField(errors)).toBe("name");
    expect(fieldErrorsFromApi({ code: "forbidden" })).toEqual({});
    expect(firstInvalidField({})).toBeUndefined();
  });
});
