/**
 * Treasury input rules that the API enforces and the dashboard checks before sending, written
 * once: the Worker's zod schemas and the dashboard's forms both read these.
 */

/** Account types in chart order. */
export const ACCOUNT_TYPES = ["asset", "liability", "equity", "income", "expense"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** An account code: 1–16 letters, digits, dots or dashes. */
export const ACCOUNT_CODE_PATTERN = /^[0-9A-Za-z.-]{1,16}$/;
/** An account name, trimmed: 1–80 characters. */
export const ACCOUNT_NAME_MAX = 80;

/** A payment's reference (cheque number, transfer reference), trimmed. */
export const PAYMENT_REFERENCE_MAX = 40;
/** A decision note on an expense claim (approve or reject), trimmed. */
export const DECISION_NOTE_MAX = 300;

/** What an audit row is about: the part of its action before the dot (`expense.pay` → expense). */
export const AUDIT_KINDS = [
  "expense",
  "contribution",
  "entry",
  "account",
  "budget",
  "plan",
  "fiscal_year",
  "reconciliation",
  "attachment",
  "role",
  "stripe",
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
