/**
 * The expense state machine: claimed → approved | rejected; approved → paid. Separation of
 * duties: whoever decides (approves or rejects) a claim must not be the person who made it.
 */
import type { ExpenseStatus } from "../db/schema-treasury";

export type ExpenseAction = "approve" | "reject" | "pay";

export type TransitionResult =
  | { ok: true; to: ExpenseStatus }
  | { ok: false; status: 403 | 409 | 422; code: string; message: string };

const NEXT: Record<ExpenseAction, { from: ExpenseStatus; to: ExpenseStatus }> = {
  approve: { from: "claimed", to: "approved" },
  reject: { from: "claimed", to: "rejected" },
  pay: { from: "approved", to: "paid" },
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
    return { ok: false, status: 409, code: "invalid_transition", message: `Cannot ${action} an expense that is ${expense.status}` };
  }
  if ((action === "approve" || action === "reject") && expense.claimantId === actorId) {
    return { ok: false, status: 403, code: "separation_of_duties", message: "The claimant cannot approve or reject their own expense" };
  }
  if (action === "pay" && !opts.hasReceipt) {
    return { ok: false, status: 422, code: "receipt_required", message: "Attach a confirmed receipt or give a no-receipt reason before paying" };
  }
  return { ok: true, to: step.to };
}
