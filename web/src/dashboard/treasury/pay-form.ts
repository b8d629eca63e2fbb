/** Paying an approved claim (plain, unit-tested): which accounts money can leave from, checking a draft, placing API errors on fields. */

import { PAYMENT_REFERENCE_MAX } from "#shared/treasury-rules";

/** The API's limit for a payment reference (the same constant the API's payBody reads). */
export const REFERENCE_MAX = PAYMENT_REFERENCE_MAX;

export type PayField = "date" | "fromAccountId" | "reference";
export type PayErrors = Partial<Record<PayField, true>>;
export type PayDraft = { date: string; fromAccountId: string; reference: string };

/** The form's fields, in order. */
export const PAY_FIELDS: readonly PayField[] = ["date", "fromAccountId", "reference"];

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
 * Where an API refusal goes (web/src/dashboard/form-errors.ts): `json.date`, `json.fromAccountId`,
 * `json.reference` to their field, an entry line's account to the paid-from account.
 */
export const PAY_PLACEMENT = {
  fields: PAY_FIELDS,
  fieldOf: (path: string): PayField | undefined => (/^lines\.\d+\.accountId$/.test(path) ? "fromAccountId" : undefined),
};
