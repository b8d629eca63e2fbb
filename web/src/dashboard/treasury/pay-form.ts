/** Paying an approved claim (plain, unit-tested): which accounts money can leave from, checking a draft, placing API errors on fields. */

import { PAYMENT_REFERENCE_MAX } from "#shared/treasury-rules";

/** The API's limit for a payment reference (the same constant the API's payBody reads). */
export const REFERENCE_MAX = PAYMENT_REFERENCE_MAX;

export type PayField = "date" | "fromAccountId" | "reference";
export type PayErrors = Partial<Record<PayField, true>>;
export type PayDraft = { date: string; fromAccountId: string; reference: string };

const FIELDS: readonly PayField[] = ["date", "fromAccountId", "reference"];

/** Money is paid out of an active asset account (checking, cash), sorted by code: the first is the default. */
export function payableFrom<A extends { type: string; active: boolean; code: string }>(accounts: readonly A[]): A[] {
  return accounts
    .filter((a) => a.type === "asset" && a.active)
    .sort((a, b) => a.code.localeCompare(b.code, "en", { numeric: true }));
}

/** Checks a payment as typed; an empty object means it can be sent. */
export function checkPayDraft(draft: PayDraft): PayErrors {
  const errors: PayErrors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) errors.date = true;
  if (!draft.fromAccountId) errors.fromAccountId = true;
  if (draft.reference.trim().length > REFERENCE_MAX) errors.reference = true;
  return errors;
}

/**
 * The fields an API refusal is about: each validation issue (`json.date`, `json.fromAccountId`,
 * `json.reference`, or an entry line's account, which is the paid-from account) to its field. Empty
 * when the refusal is about no field (the form shows it as a general error).
 */
export function payErrorsFromApi(error: { issues?: readonly { path: string }[] }): PayErrors {
  const errors: PayErrors = {};
  for (const issue of error.issues ?? []) {
    const path = issue.path.replace(/^json\./, "");
    if (path === "date" || path === "fromAccountId" || path === "reference") errors[path] = true;
    else if (/^lines\.\d+\.accountId$/.test(path)) errors.fromAccountId = true;
  }
  return errors;
}

/** The first field with a problem, in form order (for moving focus to it). */
export function firstPayError(errors: PayErrors): PayField | undefined {
  return FIELDS.find((f) => errors[f]);
}
