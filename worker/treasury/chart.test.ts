import { describe, expect, it } from "vitest";
import { DEFAULT_CHART, ledgerAccountName } from "./chart";

describe("DEFAULT_CHART", () => {
  it("has unique codes and the issue's accounts", () => {
    const codes = DEFAULT_CHART.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(["1000", "1100", "3000", "4100", "4200", "5200", "5300", "5400", "5500"]);
  });
});

describe("ledgerAccountName", () => {
  it("prefixes the type root", () => {
    expect(ledgerAccountName("asset", "Checking")).toBe("Assets:Checking");
    expect(ledgerAccountName("income", "Seventh Tradition")).toBe("Income:Seventh Tradition");
  });
  it("removes characters that change the meaning in journal syntax", () => {
    expect(ledgerAccountName("expense", "Rent:  Hall ; note")).toBe("Expenses:Rent Hall note");
    expect(ledgerAccountName("asset", "(Virtual)")).toBe("Assets:Virtual");
  });
});
