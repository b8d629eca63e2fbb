import type { ErrorIssue } from "#shared/api-error";

/**
 * What kind of "no" a domain rule gives. Domain code (stores, rules) throws these and knows
 * nothing of HTTP; worker/http/errors.ts is the one place that maps a kind to a status.
 */
export type ErrorKind = "invalid" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "unprocessable";

/** A refusal by a domain rule: a kind, a stable code for programs and a message for people. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Reads well where it is thrown: `throw refuse("conflict", "archived", "This meeting is archived")`. */
export function refuse(kind: ErrorKind, code: string, message: string, issues?: ErrorIssue[]): DomainError {
  return new DomainError(kind, code, message, issues);
}

export const notFound = (what: string) => refuse("not_found", "not_found", `${what} not found`);
