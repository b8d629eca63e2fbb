/** Journal exports: CSV (papaparse) and plain-text accounting (hledger / ledger journal syntax). */
import Papa from "papaparse";
import type { AccountType } from "../db/schema-treasury";
import { ledgerAccountNames } from "./chart";
import { centsToDecimal } from "./money";
import { neutralizeFormula } from "./report";

export type ExportAccount = { id: string; code: string; name: string; type: AccountType };
export type ExportLine = {
  lineNo: number;
  accountId: string;
  amountCents: number;
  meetingId: string | null;
  occurrenceId: string | null;
};
export type ExportEntry = {
  id: string;
  date: string;
  memo: string;
  kind: string;
  reversesEntryId: string | null;
  lines: readonly ExportLine[];
};

/** One CSV row per journal line, entries in date order. */
export function journalCsv(entries: readonly ExportEntry[], accounts: ReadonlyMap<string, ExportAccount>): string {
  const rows = entries.flatMap((e) =>
    e.lines.map((l) => {
      const a = accounts.get(l.accountId);
      return {
        entry_id: e.id,
        date: e.date,
        memo: neutralizeFormula(e.memo),
        kind: e.kind,
        reverses_entry_id: e.reversesEntryId ?? "",
        line_no: l.lineNo,
        account_code: a?.code ?? "",
        account_name: neutralizeFormula(a?.name ?? ""),
        amount: centsToDecimal(l.amountCents),
        amount_cents: l.amountCents,
        meeting_id: l.meetingId ?? "",
        occurrence_id: l.occurrenceId ?? "",
      };
    }),
  );
  const fields = [
    "entry_id",
    "date",
    "memo",
    "kind",
    "reverses_entry_id",
    "line_no",
    "account_code",
    "account_name",
    "amount",
    "amount_cents",
    "meeting_id",
    "occurrence_id",
  ];
  return Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f as keyof typeof r])) });
}

/** `$12.34` / `$-12.34` for USD, `12.34 EUR` for other currency codes. */
export function ledgerAmount(cents: number, currency: string): string {
  const decimal = centsToDecimal(cents);
  return currency === "USD" ? `$${decimal}` : `${decimal} ${currency}`;
}

/** A description on one line, without the `;` that would start a comment. */
function oneLine(text: string): string {
  return (
    text
      .replace(/[\p{Cc};]/gu, (ch) => (ch === ";" ? "," : " "))
      .replace(/\s+/g, " ")
      .trim() || "(no memo)"
  );
}

/**
 * A transaction code (hledger/ledger read `(...)` right after the status as one): the entry id,
 * always present, so a memo that itself starts with `(` stays the whole description.
 */
function transactionCode(entryId: string): string {
  return `(${entryId.replace(/[^\w.-]/g, "")})`;
}

/** A bank statement balance to emit as a balance assertion (only ones that agree with the books). */
export type ExportAssertion = { date: string; accountId: string; balanceCents: number; note?: string | null };

/**
 * The journal as hledger/ledger text: `YYYY-MM-DD * (entry id) description`, then indented postings
 * `Account:Name  $12.34` (two spaces before the amount). Every entry's postings carry explicit
 * amounts that sum to zero, so both tools read it without inference and agree with our balances.
 * Reconciled bank statements become balance assertions (`Assets:Checking  $0.00 = $350.00`)
 * placed after the last entry of their date, so the tools re-check the reconciliation.
 */
export function journalLedger(
  entries: readonly ExportEntry[],
  accounts: ReadonlyMap<string, ExportAccount>,
  currency: string,
  title = "Meetinghouse treasury",
  assertions: readonly ExportAssertion[] = [],
): string {
  const commodity = currency === "USD" ? "$1000.00" : `1000.00 ${currency}`;
  const out: string[] = [
    `; ${oneLine(title)} — exported journal`,
    `; amounts in ${currency}, debits positive`,
    "",
    `commodity ${commodity}`,
    "",
  ];
  // Names come from the whole chart, so an account's name does not depend on the date range.
  const names = ledgerAccountNames(accounts.values());
  const nameOf = (accountId: string) => names.get(accountId) ?? `Unknown:${accountId}`;
  const used = new Set([
    ...entries.flatMap((e) => e.lines.map((l) => l.accountId)),
    ...assertions.map((x) => x.accountId),
  ]);
  for (const a of [...accounts.values()].sort((x, y) => x.code.localeCompare(y.code))) {
    // Declared accounts (with their codes in a comment line) let `hledger check --strict` pass.
    if (used.has(a.id)) out.push(`; ${a.code}`, `account ${nameOf(a.id)}`);
  }
  if (used.size) out.push("");
  const pending = [...assertions].sort((x, y) => x.date.localeCompare(y.date));
  const emitAssertionsBefore = (date: string | null) => {
    while (pending.length && (date === null || pending[0].date < date)) {
      const x = pending.shift()!;
      out.push(`${x.date} * Bank statement balance${x.note ? ` (${oneLine(x.note)})` : ""}`);
      out.push(`    ${nameOf(x.accountId)}  ${ledgerAmount(0, currency)} = ${ledgerAmount(x.balanceCents, currency)}`);
      out.push("");
    }
  };
  for (const e of entries) {
    emitAssertionsBefore(e.date);
    const mark = e.kind === "reversal" ? " ; reversal" : "";
    out.push(`${e.date} * ${transactionCode(e.id)} ${oneLine(e.memo)}${mark}`);
    out.push(`    ; entry: ${e.id}`);
    for (const l of e.lines) out.push(`    ${nameOf(l.accountId)}  ${ledgerAmount(l.amountCents, currency)}`);
    out.push("");
  }
  emitAssertionsBefore(null);
  return out.join("\n");
}
