/**
 * The one rule that turns an API refusal into sentences in the reader's language: each issue
 * beside the field it names, what names no field at the top of the form. Sentences come from the
 * issue's kind (zod's code and limit) or the refusal's domain code, never the API's English text.
 */

import type { ErrorIssue } from "#shared/api-error";
import type { ErrorKey } from "../i18n/dashboard-errors";
import { HttpError } from "./http";

/** A translator of the error sentences (errorsText.useT() in a component, errorsText.in(locale) in a test). */
export type SayError = (key: ErrorKey, vars?: Record<string, string | number>) => string;

export type FormErrors<F extends string> = { fields: Partial<Record<F, string>>; form?: string };

export type ErrorPlacement<F extends string> = {
  /** The form's fields, in the order they appear (focus goes to the first with a problem). */
  fields: readonly F[];
  /** An issue path without its part (`passcode`, `lines.0.accountId`) to a field, when it is not the field's own name. */
  fieldOf?: (path: string) => F | undefined;
  /** A domain refusal about one field that names none, e.g. `{ duplicate_code: "code" }`. */
  codeFields?: Partial<Record<string, F>>;
};

/** Domain codes (the refusal's `code`) with a sentence of their own. */
const CODE_SENTENCES: Record<string, ErrorKey> = {
  duplicate_code: "err.duplicateCode",
  slug_taken: "err.slugTaken",
  period_closed: "err.periodClosed",
  already_closed: "err.alreadyClosed",
  date_out_of_range: "err.dateOutOfRange",
  invalid_date: "err.invalidDate",
  content_type_mismatch: "err.fileType",
  unsupported_media_type: "err.fileType",
  too_large: "err.fileSize",
  payload_too_large: "err.fileSize",
  size_mismatch: "err.fileChanged",
  upload_failed: "err.fileChanged",
  account_unavailable: "err.accountUnavailable",
  separation_of_duties: "err.separationOfDuties",
  receipt_required: "err.receiptRequired",
  self_grant: "err.selfGrant",
  last_admin: "err.lastAdmin",
  archived: "err.archived",
  forbidden: "err.forbidden",
  unauthenticated: "err.unauthenticated",
  not_found: "err.notFound",
  invalid_state: "err.stale",
  invalid_transition: "err.stale",
  already_confirmed: "err.stale",
  idempotency_key_reused: "err.stale",
  rate_limited: "err.rateLimited",
  mail_failed: "err.mailFailed",
  network: "err.network",
};

/** A refused receipt names what was wrong with the stored object. */
const OBJECT_SENTENCES: Record<string, ErrorKey> = {
  "object.contentType": "err.fileType",
  "object.size": "err.fileSize",
  "object.sha256": "err.fileChanged",
  object: "err.fileChanged",
};

const limit = (n: number | undefined) => n ?? 0;

/** One issue in the reader's words: its kind first, then the refusal's domain code, then a calm "check this". */
export function issueSentence(issue: ErrorIssue, errorCode: string, say: SayError): string {
  const objectKey = OBJECT_SENTENCES[issue.path];
  if (objectKey) return say(objectKey);
  const { code, origin, minimum, maximum } = issue;
  if (code === "too_small") {
    if (origin === "string")
      return minimum === 1 ? say("err.required") : say("err.tooShort", { minimum: limit(minimum) });
    if (origin === "array" || origin === "set") return say("err.tooFew", { minimum: limit(minimum) });
    if (minimum !== undefined) return say("err.tooSmall", { minimum });
  }
  if (code === "too_big") {
    if (origin === "string") return say("err.tooLong", { maximum: limit(maximum) });
    if (origin === "array" || origin === "set") return say("err.tooMany", { maximum: limit(maximum) });
    if (maximum !== undefined) return say("err.tooBig", { maximum });
  }
  if (code === "invalid_type") return say("err.type");
  if (code === "invalid_format") return say("err.format");
  if (code === "invalid_value" || code === "invalid_union") return say("err.choice");
  const domain = CODE_SENTENCES[errorCode];
  return domain ? say(domain) : say("err.field");
}

/** The whole refusal as one sentence (a page that failed to load, or a form error that names no field). */
export function errorSentence(error: unknown, say: SayError): string {
  if (!(error instanceof HttpError)) return say("err.network");
  const domain = CODE_SENTENCES[error.code];
  if (domain) return say(domain);
  if (error.code === "attachment_refused") {
    const first = error.issues.find((i) => OBJECT_SENTENCES[i.path]);
    return say(first ? (OBJECT_SENTENCES[first.path] as ErrorKey) : "err.fileChanged");
  }
  if (error.status >= 500 || error.code === "internal") return say("err.server");
  if (error.status === 401) return say("err.unauthenticated");
  if (error.status === 403) return say("err.forbidden");
  if (error.status === 404) return say("err.notFound");
  if (error.status === 429) return say("err.rateLimited");
  return say("err.generic");
}

/** `json.lines.0.accountId` → `lines.0.accountId`: the part of the request is no field's business. */
export function fieldPath(path: string): string {
  return path.replace(/^(json|query|param|header|form|cookie)\./, "");
}

/** Places a refusal on the form: sentences per field (first issue wins) and one at the top for the rest. */
export function formErrorsFromApi<F extends string>(
  error: unknown,
  placement: ErrorPlacement<F>,
  say: SayError,
): FormErrors<F> {
  const fields: Partial<Record<F, string>> = {};
  if (!(error instanceof HttpError)) return { fields, form: errorSentence(error, say) };
  const own = (path: string): F | undefined => {
    const mapped = placement.fieldOf?.(path);
    if (mapped) return mapped;
    const head = path.split(".")[0] ?? path;
    return placement.fields.find((f) => f === path || f === head);
  };
  let unplaced = false;
  for (const issue of error.issues) {
    const field = own(fieldPath(issue.path));
    if (field === undefined) unplaced = true;
    else fields[field] ??= issueSentence(issue, error.code, say);
  }
  const codeField = placement.codeFields?.[error.code];
  if (codeField && !fields[codeField]) fields[codeField] = errorSentence(error, say);
  const placed = Object.keys(fields).length > 0;
  return placed && !unplaced ? { fields } : { fields, form: placed ? say("err.generic") : errorSentence(error, say) };
}

/** The first field with a problem, in form order (where focus goes). */
export function firstFieldWithError<F extends string>(errors: FormErrors<F>, order: readonly F[]): F | undefined {
  return order.find((f) => errors.fields[f] !== undefined);
}
