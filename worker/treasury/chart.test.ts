import { describe, expect, it } from "vitest";
import { DEFAULT_CHART, ledgerAccountName, ledgerAccountNames } from "./chart";

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
    expect(ledgerAccountName("asset", "Petty\tcash\u00a0\u00a0box\n")).toBe("Assets:Petty cash box");
    expect(ledgerAccountName("asset", " : ; ")).toBe("Assets:Unnamed");
  });
  it("keeps brackets, which only mean a virtual posting at the start of a posting (after the root they are text)", () => {
    expect(ledgerAccountName("asset", "(Virtual)")).toBe("Assets:(Virtual)");
  });
});

describe("ledgerAccountNames", () => {
  const account = (id: string, code: string, name: string) => ({ id, code, name, type: "expense" as const });

  it("keeps two accounts that clean to the same name apart by their codes (issue 14: $30 vs $10 + $20)", () => {
    const names = ledgerAccountNames([
      account("a", "5210", "Rent: Hall"),
      account("b", "5220", "Rent Hall"),
      account("c", "5300", "Literature"),
    ]);
    expect(Object.fromEntries(names)).toEqual({
      a: "Expenses:Rent Hall (5210)",
      b: "Expenses:Rent Hall (5220)",
      c: "Expenses:Literature",
    });
  });

  it("does not depend on the accounts' order, and resolves a suffix that clashes with a real name", () => {
    const chart = [account("a", "1", "X"), account("b", "2", "X"), account("c", "3", "X (1)")];
    const names = ledgerAccountNames(chart);
    expect(new Set(names.values()).size).toBe(3);
    expect(Object.fromEntries(names)).toEqual({
      a: "Expenses:X (1) (1)",
      b: "Expenses:X (2)",
      c: "Expenses:X (1) (3)",
    });
    expect(ledgerAccountNames([...chart].reverse())).toEqual(names);
  });

  it("stays unique even if two accounts share a code", () => {
    const names = ledgerAccountNames([account("a", "1", "X"), account("b", "1", "X")]);
    expect(new Set(names.values()).size).toBe(2);
  });
});
