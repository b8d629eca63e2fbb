/** Chart-of-accounts logic for the accounts page (plain, unit-tested): grouping, checking a draft, where API field errors go. */

import { ACCOUNT_CODE_PATTERN, ACCOUNT_NAME_MAX, ACCOUNT_TYPES, type AccountType } from "#shared/treasury-rules";

export { ACCOUNT_TYPES, type AccountType };

export type AccountField = "code" | "name" | "type";
/** What is wrong with a field as typed (translated by the page as `tr.acc.err.<problem>`). */
export type FieldProblem = { problem: "required" | "codeFormat" | "nameTooLong" | "badType" };
export type FieldErrors = Partial<Record<AccountField, FieldProblem>>;

/** Accounts in chart order (assets, liabilities, equity, income, expenses), each type sorted by code ("900" before "1000"); empty types left out. */
export function groupByType<A extends { type: AccountType; code: string }>(
  accounts: readonly A[],
): { type: AccountType; accounts: A[] }[] {
  const byCode = (a: A, b: A) => a.code.localeCompare(b.code, "en", { numeric: true, sensitivity: "base" });
  return ACCOUNT_TYPES.map((type) => ({ type, accounts: accounts.filter((a) => a.type === type).sort(byCode) })).filter(
    (g) => g.accounts.length > 0,
  );
}

/** A typed account name's problem, if any (names are trimmed, 1–80 characters). */
export function checkAccountName(name: string): FieldProblem | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) return { problem: "required" };
  if (trimmed.length > ACCOUNT_NAME_MAX) return { problem: "nameTooLong" };
  return undefined;
}

/** Checks a new account as typed; an empty object means it can be sent (the code is trimmed first). */
export function checkAccountDraft(draft: { code: string; name: string; type: string }): FieldErrors {
  const errors: FieldErrors = {};
  const code = draft.code.trim();
  if (code.length === 0) errors.code = { problem: "required" };
  else if (!ACCOUNT_CODE_PATTERN.test(code)) errors.code = { problem: "codeFormat" };
  const name = checkAccountName(draft.name);
  if (name) errors.name = name;
  if (!(ACCOUNT_TYPES as readonly string[]).includes(draft.type)) errors.type = { problem: "badType" };
  return errors;
}

/** The form's fields in order, and where an API refusal goes: `duplicate_code` to the code field. */
export const ACCOUNT_FIELDS: readonly AccountField[] = ["code", "name", "type"];
export const ACCOUNT_PLACEMENT = { fields: ACCOUNT_FIELDS, codeFields: { duplicate_code: "code" as const } };
