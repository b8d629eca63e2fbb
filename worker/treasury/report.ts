/** The monthly treasurer report, built from plain rows (no I/O) so it can be tested directly. */
import Papa from "papaparse";
import type { AccountType } from "../db/schema-treasury";
import { CODES } from "./chart";
import { centsToDecimal, formatMoney } from "./money";

export type ReportLine = {
  /** The entry the line belongs to (lines without one are read as a single entry). */
  entryId?: string;
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  amountCents: number;
  meetingId: string | null;
  meetingName: string | null;
};

export type ReportInput = {
  groupName: string;
  month: string;
  currency: string;
  /** Sum of asset-account balances at the end of the previous month. */
  balanceForwardCents: number;
  /** Every journal line dated inside the month. */
  lines: readonly ReportLine[];
  reserveTargetCents: number | null;
};

export type Amount = { cents: number };
export type MonthlyReport = {
  group: string;
  month: string;
  currency: string;
  balanceForwardCents: number;
  income: {
    byMeeting: { meetingId: string | null; meetingName: string; cents: number }[];
    byCategory: { code: string; name: string; cents: number }[];
    /** Seventh Tradition (4100) split by how it came in: counted cash, or online and bank. */
    seventhTradition: SeventhTraditionSplit;
    totalCents: number;
  };
  expenses: { byCategory: { code: string; name: string; cents: number }[]; totalCents: number };
  otherMovementsCents: number;
  closingBalanceCents: number;
  reserve: { targetCents: number | null; status: "none" | "above" | "below"; differenceCents: number | null };
};

const NO_MEETING = "Not linked to a meeting";

export type SeventhTraditionSplit = { cashCents: number; onlineCents: number };

/**
 * Splits Seventh Tradition income by how it arrived: in each entry that credits (or refunds)
 * 4100, the part that moved Cash on hand (1100) is cash; the rest reached the group online
 * (Stripe, Venmo, bank transfers into Checking). Refunds reduce the side they came from.
 */
export function splitSeventhTradition(lines: readonly ReportLine[]): SeventhTraditionSplit {
  const byEntry = new Map<string, { seventh: number; cash: number }>();
  for (const l of lines) {
    const e = byEntry.get(l.entryId ?? "") ?? { seventh: 0, cash: 0 };
    if (l.code === CODES.seventhTradition) e.seventh -= l.amountCents;
    else if (l.code === CODES.cash) e.cash += l.amountCents;
    byEntry.set(l.entryId ?? "", e);
  }
  let cashCents = 0;
  let onlineCents = 0;
  for (const e of byEntry.values()) {
    if (e.seventh === 0) continue;
    // Cash counts only in the direction of the Seventh Tradition movement, and never beyond it.
    const cash = e.seventh > 0 ? Math.min(Math.max(e.cash, 0), e.seventh) : Math.max(Math.min(e.cash, 0), e.seventh);
    cashCents += cash;
    onlineCents += e.seventh - cash;
  }
  return { cashCents, onlineCents };
}

function addTo<K>(map: Map<K, number>, key: K, cents: number) {
  map.set(key, (map.get(key) ?? 0) + cents);
}

/**
 * Income by meeting and category, expenses by category, balance forward, closing balance and
 * reserve status. Income and expenses are shown positive (credits to income, debits to expense);
 * "other movements" are asset changes not explained by income or expense (e.g. opening balances).
 */
export function buildMonthlyReport(input: ReportInput): MonthlyReport {
  const byMeeting = new Map<string | null, number>();
  const meetingNames = new Map<string | null, string>([[null, NO_MEETING]]);
  const incomeByAccount = new Map<string, number>();
  const expenseByAccount = new Map<string, number>();
  const accountLabel = new Map<string, { code: string; name: string }>();
  let assetMovement = 0;
  for (const l of input.lines) {
    accountLabel.set(l.accountId, { code: l.code, name: l.name });
    if (l.type === "income") {
      addTo(incomeByAccount, l.accountId, -l.amountCents);
      addTo(byMeeting, l.meetingId, -l.amountCents);
      if (l.meetingId) meetingNames.set(l.meetingId, l.meetingName ?? l.meetingId);
    } else if (l.type === "expense") {
      addTo(expenseByAccount, l.accountId, l.amountCents);
    } else if (l.type === "asset") {
      assetMovement += l.amountCents;
    }
  }
  const categories = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([, cents]) => cents !== 0)
      .map(([id, cents]) => ({ ...accountLabel.get(id)!, cents }))
      .sort((a, b) => a.code.localeCompare(b.code));
  const incomeTotal = [...incomeByAccount.values()].reduce((a, b) => a + b, 0);
  const expenseTotal = [...expenseByAccount.values()].reduce((a, b) => a + b, 0);
  const closing = input.balanceForwardCents + assetMovement;
  const target = input.reserveTargetCents;
  return {
    group: input.groupName,
    month: input.month,
    currency: input.currency,
    balanceForwardCents: input.balanceForwardCents,
    income: {
      byMeeting: [...byMeeting.entries()]
        .filter(([, cents]) => cents !== 0)
        .map(([meetingId, cents]) => ({ meetingId, meetingName: meetingNames.get(meetingId) ?? NO_MEETING, cents }))
        .sort((a, b) =>
          a.meetingId === null ? 1 : b.meetingId === null ? -1 : a.meetingName.localeCompare(b.meetingName),
        ),
      byCategory: categories(incomeByAccount),
      seventhTradition: splitSeventhTradition(input.lines),
      totalCents: incomeTotal,
    },
    expenses: { byCategory: categories(expenseByAccount), totalCents: expenseTotal },
    otherMovementsCents: assetMovement - (incomeTotal - expenseTotal),
    closingBalanceCents: closing,
    reserve: {
      targetCents: target,
      status: target === null ? "none" : closing >= target ? "above" : "below",
      differenceCents: target === null ? null : closing - target,
    },
  };
}

/** The report as CSV rows: section, label, amount (decimal) — opens cleanly in any spreadsheet. */
export function monthlyReportCsv(r: MonthlyReport): string {
  const rows: (string | number)[][] = [["section", "label", "amount", "amount_cents"]];
  const push = (section: string, label: string, cents: number) =>
    rows.push([section, label, centsToDecimal(cents), cents]);
  push("balance", "Balance forward", r.balanceForwardCents);
  for (const m of r.income.byMeeting) push("income by meeting", m.meetingName, m.cents);
  for (const c of r.income.byCategory) push("income by category", `${c.code} ${c.name}`, c.cents);
  push("seventh tradition", "Cash", r.income.seventhTradition.cashCents);
  push("seventh tradition", "Online", r.income.seventhTradition.onlineCents);
  push("income", "Total income", r.income.totalCents);
  for (const c of r.expenses.byCategory) push("expenses by category", `${c.code} ${c.name}`, c.cents);
  push("expenses", "Total expenses", r.expenses.totalCents);
  if (r.otherMovementsCents !== 0) push("balance", "Other movements", r.otherMovementsCents);
  push("balance", "Closing balance", r.closingBalanceCents);
  if (r.reserve.targetCents !== null) {
    push("reserve", "Prudent reserve target", r.reserve.targetCents);
    push(
      "reserve",
      r.reserve.status === "above" ? "Above reserve by" : "Below reserve by",
      Math.abs(r.reserve.differenceCents ?? 0),
    );
  }
  return Papa.unparse(
    rows.map((row) => row.map((cell) => (typeof cell === "string" ? neutralizeFormula(cell) : cell))),
  );
}

/** Spreadsheet apps run cells that start with = + - @ as formulas; prefix those with a quote. */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A self-contained, printable HTML page of the report (inline print CSS, no scripts). */
export function monthlyReportHtml(r: MonthlyReport): string {
  const money = (cents: number) => escapeHtml(formatMoney(cents, r.currency));
  const row = (label: string, cents: number, cls = "") =>
    `<tr class="${cls}"><th scope="row">${escapeHtml(label)}</th><td>${money(cents)}</td></tr>`;
  const section = (title: string, rows: string[]) =>
    `<section><h2>${escapeHtml(title)}</h2><table><tbody>${rows.join("") || `<tr><td colspan="2">None</td></tr>`}</tbody></table></section>`;
  const reserve =
    r.reserve.targetCents === null
      ? "<p>No prudent reserve set by the group conscience yet.</p>"
      : `<p class="${r.reserve.status}">Prudent reserve target ${money(r.reserve.targetCents)}: the closing balance is <strong>${r.reserve.status} the reserve</strong> by ${money(Math.abs(r.reserve.differenceCents ?? 0))}.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Treasurer's report ${escapeHtml(r.month)} — ${escapeHtml(r.group)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;max-width:44rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.05rem;margin:1.25rem 0 .4rem;border-bottom:1px solid #999}
table{width:100%;border-collapse:collapse}th{text-align:left;font-weight:normal;padding:.2rem 0}td{text-align:right;font-variant-numeric:tabular-nums}
tr.total th,tr.total td{font-weight:bold;border-top:1px solid #999}.below{color:#a00}.muted{color:#555}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}section{break-inside:avoid}}
@page{margin:18mm}
</style></head>
<body><header><h1>Treasurer's report — ${escapeHtml(r.month)}</h1><p class="muted">${escapeHtml(r.group)} · amounts in ${escapeHtml(r.currency)}</p></header>
<main>
${section("Balance forward", [row("Balance at the start of the month", r.balanceForwardCents)])}
${section(
  "Income by meeting",
  r.income.byMeeting.map((m) => row(m.meetingName, m.cents)),
)}
${section("Seventh Tradition: cash and online", [row("Cash", r.income.seventhTradition.cashCents), row("Online", r.income.seventhTradition.onlineCents)])}
${section("Income by category", [...r.income.byCategory.map((c) => row(`${c.code} ${c.name}`, c.cents)), row("Total income", r.income.totalCents, "total")])}
${section("Expenses by category", [...r.expenses.byCategory.map((c) => row(`${c.code} ${c.name}`, c.cents)), row("Total expenses", r.expenses.totalCents, "total")])}
${section("Closing balance", [...(r.otherMovementsCents ? [row("Other movements", r.otherMovementsCents)] : []), row("Balance at the end of the month", r.closingBalanceCents, "total")])}
<section><h2>Prudent reserve</h2>${reserve}</section>
</main></body></html>`;
}
