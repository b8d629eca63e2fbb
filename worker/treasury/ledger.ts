/**
 * Double-entry rules, free of I/O: an entry has at least two lines of non-zero integer cents
 * (debits positive, credits negative) that sum to exactly zero. Corrections are reversals.
 */
import { MAX_CENTS } from "./money";

export type LineInput = {
  accountId: string;
  amountCents: number;
  meetingId?: string | null;
  occurrenceId?: string | null;
};

export type LedgerIssue = { path: string; message: string };

/**
 * Checks the double-entry invariants of an entry's lines. Returns every problem found, each
 * naming the offending field (`lines`, `lines.2.amountCents`); empty when the entry may post.
 */
export function checkEntryLines(lines: readonly LineInput[]): LedgerIssue[] {
  const issues: LedgerIssue[] = [];
  if (lines.length < 2) issues.push({ path: "lines", message: "An entry needs at least two lines" });
  lines.forEach((line, i) => {
    const a = line.amountCents;
    if (!Number.isSafeInteger(a))
      issues.push({ path: `lines.${i}.amountCents`, message: "Must be a whole number of cents" });
    else if (a === 0) issues.push({ path: `lines.${i}.amountCents`, message: "A line cannot be zero" });
    else if (Math.abs(a) > MAX_CENTS) issues.push({ path: `lines.${i}.amountCents`, message: "Amount too large" });
  });
  if (issues.length === 0) {
    const sum = sumCents(lines.map((l) => l.amountCents));
    if (sum !== 0) issues.push({ path: "lines", message: `Lines must sum to zero (they sum to ${sum} cents)` });
  }
  return issues;
}

/** Exact integer sum (amounts are bounded, so the total stays far inside the safe range). */
export function sumCents(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) total += a;
  return total;
}

/** The lines of the entry that undoes `lines`: same accounts and tags, every sign flipped. */
export function reversingLines<T extends LineInput>(lines: readonly T[]): LineInput[] {
  return lines.map((l) => ({
    accountId: l.accountId,
    amountCents: -l.amountCents,
    meetingId: l.meetingId ?? null,
    occurrenceId: l.occurrenceId ?? null,
  }));
}

/** The memo of a reversing entry, so the journal reads as its own explanation. */
export function reversalMemo(originalMemo: string, reason?: string): string {
  const base = `Reversal of: ${originalMemo}`;
  return (reason ? `${base} (${reason})` : base).slice(0, 500);
}
