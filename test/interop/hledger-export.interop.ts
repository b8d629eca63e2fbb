/**
 * The hledger export read by the real `hledger` binary (runs in the `web` project, on Node, since
 * workerd cannot start processes): for any chart and memos the API accepts, `hledger check
 * --strict` passes, every API account is its own hledger account with the API's balance, and
 * every memo survives as the whole description.
 */
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ACCOUNT_TYPES } from "../../worker/db/schema-treasury";
import { ledgerAccountNames } from "../../worker/treasury/chart";
import {
  type ExportAccount,
  type ExportAssertion,
  type ExportEntry,
  journalLedger,
} from "../../worker/treasury/export";

// The API's own rules for what it stores (routes/treasury-accounts.ts, routes/treasury-journal.ts).
const accountName = z.string().trim().min(1).max(80);
const memo = z.string().trim().min(1).max(500);

/** Pieces that mean something in journal syntax, plus unicode and invisible characters. */
const hostilePiece = fc.oneof(
  fc.constantFrom(
    ":",
    "(",
    ")",
    ";",
    "  ",
    "\t",
    "\n",
    "\r\n",
    " ",
    "@",
    "=",
    "*",
    "!",
    "[",
    "]",
    "#",
    ",",
    '"',
    "|",
    "$",
    "-1.00",
    "Rent",
    "Hall",
    "Rent: Hall",
    "Rent Hall",
  ),
  fc.constantFrom(
    "é",
    "✓",
    "𝄞",
    "\u00a0",
    "\u3000",
    "\u2028",
    "\u200b",
    "\ufeff",
    "\u0001",
    "\u0085",
    "\ud800",
    "\udc00",
  ),
  fc.string({ unit: "binary", maxLength: 4 }),
);
const hostileText = (max: number, schema: z.ZodType<string>) =>
  fc
    .array(hostilePiece, { minLength: 1, maxLength: 8 })
    .map((pieces) => pieces.join("").slice(0, max + 10))
    .filter((text) => schema.safeParse(text).success)
    .map((text) => schema.parse(text));

const scenario = fc
  .record({
    accounts: fc.uniqueArray(
      fc.record({
        code: fc.stringMatching(/^[0-9A-Za-z.-]{1,16}$/),
        name: hostileText(80, accountName),
        type: fc.constantFrom(...ACCOUNT_TYPES),
      }),
      {
        minLength: 2,
        maxLength: 8,
        selector: (a) => a.code,
      },
    ),
    currency: fc.constantFrom("USD", "CAD", "EUR"),
    entries: fc.array(
      fc.record({
        day: fc.integer({ min: 1, max: 28 }),
        memo: hostileText(500, memo),
        lines: fc.array(
          fc.record({
            account: fc.nat(),
            cents: fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((c) => c !== 0),
          }),
          { minLength: 1, maxLength: 4 },
        ),
      }),
      { minLength: 1, maxLength: 10 },
    ),
  })
  .map(({ accounts, currency, entries }) => {
    const chart: ExportAccount[] = accounts.map((a, i) => ({ id: `acc_${i}`, ...a }));
    const journal: ExportEntry[] = entries
      .map((e, i) => {
        const lines = e.lines.map((l, n) => ({
          lineNo: n + 1,
          accountId: chart[l.account % chart.length].id,
          amountCents: l.cents,
          meetingId: null,
          occurrenceId: null,
        }));
        // The balancing line, as every API entry has: the lines sum to zero.
        const rest = -lines.reduce((sum, l) => sum + l.amountCents, 0);
        lines.push({
          lineNo: lines.length + 1,
          accountId: chart[(i + 1) % chart.length].id,
          amountCents: rest,
          meetingId: null,
          occurrenceId: null,
        });
        return {
          id: `je_${i}`,
          date: `2026-10-${String(e.day).padStart(2, "0")}`,
          memo: e.memo,
          kind: i % 3 === 2 ? "reversal" : "manual",
          reversesEntryId: null,
          lines,
        };
      })
      .sort((a, b) => a.date.localeCompare(b.date));
    return { chart, currency, journal };
  });

/** What the API reports: each account's balance, the sum of its lines. */
function apiBalances(journal: readonly ExportEntry[]): Map<string, number> {
  const balances = new Map<string, number>();
  for (const e of journal)
    for (const l of e.lines) balances.set(l.accountId, (balances.get(l.accountId) ?? 0) + l.amountCents);
  return balances;
}

function hledger(args: string[], input: string): string {
  return execFileSync("hledger", ["-f", "-", ...args], { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
}

function csvRows(text: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
}

const toCents = (amount: string) => Math.round(Number(amount.replace(/[^0-9.-]/g, "")) * 100);
/** As the text reaches hledger in UTF-8: a lone surrogate becomes U+FFFD. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
const visible = (text: string) => text.replace(/[\s\p{Cc}]/gu, "");

describe("the hledger export read by hledger itself", () => {
  it("passes `hledger check --strict` with the API's balances, one hledger account per API account, memos whole (property)", () => {
    fc.assert(
      fc.property(scenario, ({ chart, currency, journal }) => {
        const accounts = new Map(chart.map((a) => [a.id, a]));
        const balances = apiBalances(journal);
        // A reconciled statement on a hostile-named account: hledger re-checks it as an assertion.
        const [firstId, firstBalance] = [...balances.entries()][0];
        const assertions: ExportAssertion[] = [
          { date: "2026-10-28", accountId: firstId, balanceCents: firstBalance, note: "(statement; 1)" },
        ];
        const text = journalLedger(journal, accounts, currency, "Group: (test)", assertions);

        hledger(["check", "--strict"], text); // throws on a non-zero exit

        const names = ledgerAccountNames(chart);
        const byName = new Map(
          csvRows(hledger(["balance", "--flat", "--empty", "--no-total", "-O", "csv"], text)).map((r) => [
            r.account,
            toCents(r.balance),
          ]),
        );
        const used = [...balances.keys()];
        expect(byName.size).toBe(used.length); // nothing merged, nothing split
        for (const id of used)
          expect(
            byName.get(names.get(id)!),
            `${JSON.stringify(accounts.get(id)?.name)} as ${JSON.stringify(names.get(id))}`,
          ).toBe(balances.get(id));

        const printed = csvRows(hledger(["print", "-O", "csv"], text));
        for (const e of journal) {
          const row = printed.find((r) => r.code === e.id);
          expect(row, e.id).toBeDefined();
          // The whole memo is the description: only `;` (a comment) becomes `,`, whitespace runs and
          // control characters one space; a memo of nothing but control characters reads "(no memo)".
          const expected = visible(wellFormed(e.memo).replace(/;/g, ","));
          expect(visible(row!.description)).toBe(expected || "(nomemo)");
        }
      }),
      { numRuns: 40, seed: 14 },
    );
  }, 180_000);

  it("keeps the issue's two rent accounts apart and a memo starting with a bracket whole", () => {
    const chart: ExportAccount[] = [
      { id: "a", code: "1000", name: "Checking", type: "asset" },
      { id: "b", code: "5210", name: "Rent: Hall", type: "expense" },
      { id: "c", code: "5220", name: "Rent Hall", type: "expense" },
    ];
    const line = (lineNo: number, accountId: string, amountCents: number) => ({
      lineNo,
      accountId,
      amountCents,
      meetingId: null,
      occurrenceId: null,
    });
    const journal: ExportEntry[] = [
      {
        id: "je_1",
        date: "2026-10-01",
        memo: "(October) hall rent",
        kind: "manual",
        reversesEntryId: null,
        lines: [line(1, "b", 3000), line(2, "a", -3000)],
      },
      {
        id: "je_2",
        date: "2026-10-02",
        memo: "Hall deposit",
        kind: "manual",
        reversesEntryId: null,
        lines: [line(1, "c", 1000), line(2, "a", -1000)],
      },
      {
        id: "je_3",
        date: "2026-10-03",
        memo: "Key",
        kind: "manual",
        reversesEntryId: null,
        lines: [line(1, "c", 2000), line(2, "a", -2000)],
      },
    ];
    const text = journalLedger(journal, new Map(chart.map((a) => [a.id, a])), "USD");
    hledger(["check", "--strict"], text);
    const rows = csvRows(hledger(["balance", "--flat", "--no-total", "-O", "csv"], text));
    expect(rows).toEqual([
      { account: "Assets:Checking", balance: "$-60.00" },
      { account: "Expenses:Rent Hall (5210)", balance: "$30.00" },
      { account: "Expenses:Rent Hall (5220)", balance: "$30.00" },
    ]);
    expect(csvRows(hledger(["print", "-O", "csv"], text)).find((r) => r.code === "je_1")?.description).toBe(
      "(October) hall rent",
    );
  });
});
