import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { parseLedgerJournal } from "../../test/ledger-journal-parser";
import { type ExportAccount, type ExportEntry, journalCsv, journalLedger, ledgerAmount } from "./export";

const accounts = new Map<string, ExportAccount>([
  ["a1", { id: "a1", code: "1000", name: "Checking", type: "asset" }],
  ["a2", { id: "a2", code: "4100", name: "Seventh Tradition", type: "income" }],
  ["a3", { id: "a3", code: "5200", name: "Rent & Utilities", type: "expense" }],
]);
const line = (lineNo: number, accountId: string, amountCents: number) => ({
  lineNo,
  accountId,
  amountCents,
  meetingId: null,
  occurrenceId: null,
});
const entries: ExportEntry[] = [
  {
    id: "e1",
    date: "2026-10-01",
    memo: "Tradition; Monday\nnight",
    kind: "contribution",
    reversesEntryId: null,
    lines: [line(1, "a1", 4205), line(2, "a2", -4205)],
  },
  {
    id: "e2",
    date: "2026-10-02",
    memo: '=HYPERLINK("x")',
    kind: "expense",
    reversesEntryId: null,
    lines: [line(1, "a3", 5000), line(2, "a1", -5000)],
  },
  {
    id: "e3",
    date: "2026-10-03",
    memo: "Reversal of: rent",
    kind: "reversal",
    reversesEntryId: "e2",
    lines: [line(1, "a3", -5000), line(2, "a1", 5000)],
  },
];

describe("ledgerAmount", () => {
  it("uses $ for USD and the code otherwise", () => {
    expect(ledgerAmount(-1234, "USD")).toBe("$-12.34");
    expect(ledgerAmount(5, "EUR")).toBe("0.05 EUR");
  });
});

describe("journalLedger", () => {
  it("re-parses into the same balances and valid syntax", () => {
    const text = journalLedger(entries, accounts, "USD");
    expect(text).toContain("2026-10-01 * (e1) Tradition, Monday night");
    expect(text).toContain("    Assets:Checking  $42.05");
    const parsed = parseLedgerJournal(text);
    expect(parsed.transactions).toHaveLength(3);
    expect(Object.fromEntries(parsed.balances)).toEqual({
      "Assets:Checking": 4205,
      "Income:Seventh Tradition": -4205,
      "Expenses:Rent & Utilities": 0,
    });
  });
  it("emits agreeing bank statements as balance assertions that re-check", () => {
    const text = journalLedger(entries, accounts, "USD", "G", [
      { date: "2026-10-01", accountId: "a1", balanceCents: 4205, note: "October statement" },
      { date: "2026-10-02", accountId: "a1", balanceCents: -795 },
    ]);
    expect(text).toContain(
      "2026-10-01 * Bank statement balance (October statement)\n    Assets:Checking  $0.00 = $42.05",
    );
    const parsed = parseLedgerJournal(text);
    expect(parsed.assertionsChecked).toBe(2);
    expect(parsed.transactions).toHaveLength(5);
  });
  it("the re-parse catches a wrong assertion (the check can fail)", () => {
    const text = journalLedger(entries, accounts, "USD", "G", [
      { date: "2026-10-01", accountId: "a1", balanceCents: 1 },
    ]);
    expect(() => parseLedgerJournal(text)).toThrow(/balance assertion failed/);
    expect(() => parseLedgerJournal(text.replace("$42.05", "$42.06"))).toThrow(/unbalanced/);
  });
  it("gives every entry its id as the transaction code, so a memo starting with (...) stays the description", () => {
    const text = journalLedger([{ ...entries[0], memo: "(October) Tradition" }], accounts, "USD");
    expect(text).toContain("2026-10-01 * (e1) (October) Tradition\n");
    expect(parseLedgerJournal(text).transactions[0]).toMatchObject({ code: "e1", description: "(October) Tradition" });
  });
  it("declares and posts to distinct names when two accounts clean to the same one", () => {
    const clash = new Map([
      ...accounts,
      ["a4", { id: "a4", code: "5210", name: "Rent: Hall", type: "expense" as const }],
      ["a5", { id: "a5", code: "5220", name: "Rent Hall", type: "expense" as const }],
    ]);
    const text = journalLedger(
      [{ ...entries[1], lines: [line(1, "a4", 3000), line(2, "a5", 1000), line(3, "a1", -4000)] }],
      clash,
      "USD",
    );
    expect(text).toContain("account Expenses:Rent Hall (5210)\n");
    expect(Object.fromEntries(parseLedgerJournal(text).balances)).toEqual({
      "Expenses:Rent Hall (5210)": 3000,
      "Expenses:Rent Hall (5220)": 1000,
      "Assets:Checking": -4000,
    });
  });
  it("works with a currency code commodity", () => {
    const parsed = parseLedgerJournal(journalLedger(entries, accounts, "CAD"));
    expect(parsed.balances.get("Assets:Checking")).toBe(4205);
  });
});

describe("journalCsv", () => {
  it("has one row per line and neutralizes formulas", () => {
    const rows = Papa.parse<Record<string, string>>(journalCsv(entries, accounts), { header: true }).data;
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ entry_id: "e1", account_code: "1000", amount: "42.05", amount_cents: "4205" });
    expect(rows[2].memo.startsWith("'=")).toBe(true);
  });
});
