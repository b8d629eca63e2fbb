/**
 * The expense state machine: claimed → approved | rejected; approved → paid; and paid → approved
 * again when the payment's journal entry is reversed (the money went back, so the claim is
 * payable again). Separation of duties (the rule lives in auth/authz.ts): whoever decides on or pays
 * a claim must not be the person who made it.
 */
import { claimantRefusal } from "../auth/authz";
import type { ExpenseStatus } from "../db/schema-treasury";

export type ExpenseAction = "approve" | "reject" | "pay" | "unpay";

export type TransitionResult =
  | { ok: true; to: ExpenseStatus }
  | { ok: false; status: 403 | 409 | 422; code: string; message: string };

const NEXT: Record<ExpenseAction, { from: ExpenseStatus; to: ExpenseStatus }> = {
  approve: { from: "claimed", to: "approved" },
  reject: { from: "claimed", to: "rejected" },
  pay: { from: "approved", to: "paid" },
  unpay: { from: "paid", to: "approved" },
};

/**
 * Decides whether `actorId` may apply `action` to an expense in `status` claimed by `claimantId`.
 * `hasReceipt` (a confirmed attachment or a stated no-receipt reason) is required to pay.
 */
export function transition(
  expense: { status: ExpenseStatus; claimantId: string | null },
  action: ExpenseAction,
  actorId: string,
  opts: { hasReceipt?: boolean } = {},
): TransitionResult {
  const step = NEXT[action];
  if (expense.status !== step.from) {
    return {
      ok: false,
      status: 409,
      code: "invalid_transition",
      message: `Cannot ${action} an expense that is ${expense.status}`,
    };
  }
  if (action !== "unpay") {
    const refusal = claimantRefusal(expense, action, actorId);
    if (refusal) return { ok: false, status: 403, code: refusal.code, message: refusal.message };
  }
  if (action === "pay" && !opts.hasReceipt) {
    return {
      ok: false,
      status: 422,
      code: "receipt_required",
      message: "Attach a confirmed receipt or give a no-receipt reason before paying",
    };
  }
  return { ok: true, to: step.to };
}

/**
 * The columns an expense takes back when its payment entry is reversed: approved, with the payment
 * fields cleared (the journal and the audit trail keep the history), so it can be paid again. The
 * approval and any no-receipt reason stay: neither was undone by reversing the payment.
 */
export function unpaidFields(now: number) {
  return { status: "approved" as const, paidBy: null, paidAt: null, paidEntryId: null, updatedAt: now };
}

/**
 * The `journal_entries.source` of an expense's payment. The column is unique, so two payments of
 * one claim racing each other cannot both post. A reversed payment keeps its entry (and source), so
 * a payment after `earlierPayments` reversed ones takes the next ordinal: `expense:<id>`, then
 * `expense:<id>:2`, `expense:<id>:3`… Every payer who saw the same state computes the same source.
 */
export function paymentSource(expenseId: string, earlierPayments: number): string {
  return earlierPayments === 0 ? `expense:${expenseId}` : `expense:${expenseId}:${earlierPayments + 1}`;
}
