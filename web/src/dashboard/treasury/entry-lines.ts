/** A manual journal entry as typed (debit or credit per line) → signed integer-cent lines (unit-tested). */
import { parseMoneyToCents } from "../format";

export type TypedLine = { accountId: string; debit: string; credit: string };

export type EntryCheck =
  | { ok: true; lines: { accountId: string; amountCents: number }[]; totalCents: number }
  | { ok: false; reason: "amount" | "unbalanced" | "tooFew"; debitCents: number; creditCents: number };

/**
 * Debits positive, credits negative; each used line has one side only. The entry must have at
 * least two lines and balance to the cent (the API enforces the same rules).
 */
export function checkEntry(typed: readonly TypedLine[]): EntryCheck {
  let debitCents = 0;
  let creditCents = 0;
  const lines: { accountId: string; amountCents: number }[] = [];
  for (const l of typed) {
    const hasDebit = l.debit.trim() !== "";
    const hasCredit = l.credit.trim() !== "";
    if (!hasDebit && !hasCredit) continue;
    const cents = parseMoneyToCents(hasDebit ? l.debit : l.credit);
    if ((hasDebit && hasCredit) || cents === null || cents === 0 || !l.accountId)
      return { ok: false, reason: "amount", debitCents, creditCents };
    if (hasDebit) debitCents += cents;
    else creditCents += cents;
    lines.push({ accountId: l.accountId, amountCents: hasDebit ? cents : -cents });
  }
  if (lines.length < 2) return { ok: false, reason: "tooFew", debitCents, creditCents };
  if (debitCents !== creditCents) return { ok: false, reason: "unbalanced", debitCents, creditCents };
  return { ok: true, lines, totalCents: debitCents };
}
