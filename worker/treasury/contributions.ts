/** Turning a counted collection into ledger lines (pure). */
import { z } from "zod";
import type { TreasuryAccount } from "../db/schema-treasury";
import { refuse } from "../lib/errors";
import { CODES } from "./chart";
import type { LineInput } from "./ledger";
import { MAX_CENTS, positiveCentsSchema } from "./money";

export const contributionItemSchema = z.object({
  amountCents: positiveCentsSchema,
  method: z.enum(["cash", "online"]),
  memo: z.string().trim().max(200).optional(),
});
export type ContributionItem = z.infer<typeof contributionItemSchema>;

/**
 * One debit per method (cash → 1100 Cash on hand, online → 1000 Checking) and one credit to
 * 4100 Seventh Tradition for the total, all tagged with the meeting / occurrence.
 */
export function buildContributionLines(
  items: readonly ContributionItem[],
  accounts: ReadonlyMap<string, TreasuryAccount>,
  tag: { meetingId: string | null; occurrenceId: string | null },
): { lines: LineInput[]; totalCents: number; cashCents: number; onlineCents: number } {
  const cashCents = items.filter((i) => i.method === "cash").reduce((a, i) => a + i.amountCents, 0);
  const onlineCents = items.filter((i) => i.method === "online").reduce((a, i) => a + i.amountCents, 0);
  const totalCents = cashCents + onlineCents;
  if (totalCents > MAX_CENTS)
    throw refuse("invalid", "invalid_request", "Batch total too large", [
      { path: "json.items", message: `Total must be at most ${MAX_CENTS} cents` },
    ]);
  const account = (code: string) => {
    const a = accounts.get(code);
    if (!a?.active) throw refuse("conflict", "account_unavailable", `Account ${code} is missing or deactivated`);
    return a.id;
  };
  const lines: LineInput[] = [];
  if (cashCents) lines.push({ accountId: account(CODES.cash), amountCents: cashCents, ...tag });
  if (onlineCents) lines.push({ accountId: account(CODES.checking), amountCents: onlineCents, ...tag });
  lines.push({ accountId: account(CODES.seventhTradition), amountCents: -totalCents, ...tag });
  return { lines, totalCents, cashCents, onlineCents };
}
