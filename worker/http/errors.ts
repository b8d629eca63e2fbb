import type { ErrorBody, ErrorIssue } from "#shared/api-error";
import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { dbErrorKind } from "../lib/db-errors";
import { DomainError, type ErrorKind } from "../lib/errors";
import { logError } from "../lib/log";

/** An HTTP error that `onError` answers as `{ error: { code, message, issues? } }`. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message });
  }
}

/** Throws an ApiError from request plumbing: `throw fail(415, "unsupported_media_type", "Send JSON")`. */
export function fail(
  status: ContentfulStatusCode,
  code: string,
  message: string,
  extra?: { issues?: ErrorIssue[]; headers?: Record<string, string> },
): ApiError {
  return new ApiError(status, code, message, extra?.issues, extra?.headers);
}

/** The one map from a domain refusal's kind to its HTTP status. */
export const STATUS_OF_KIND: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

function bodyOf(code: string, message: string, issues?: ErrorIssue[]): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

/** How long a client should wait before retrying when D1 is overloaded or briefly unavailable. */
export const DB_RETRY_AFTER_SECONDS = 5;

/**
 * The one error handler: `{ error: { code, message, issues? } }`; 503 + Retry-After when D1 is
 * overloaded or briefly unavailable (a retry may work), generic 500 for the unexpected.
 */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof DomainError) return c.json(bodyOf(err.code, err.message, err.issues), STATUS_OF_KIND[err.kind]);
  if (err instanceof ApiError) return c.json(bodyOf(err.code, err.message, err.issues), err.status, err.headers);
  if (err instanceof HTTPException) {
    const code = err.status === 400 ? "bad_request" : err.status === 401 ? "unauthenticated" : `http_${err.status}`;
    return c.json({ error: { code, message: err.message || "Request failed" } } satisfies ErrorBody, err.status);
  }
  if (dbErrorKind(err) === "d1_unavailable") {
    logError("db_unavailable", err, { requestId: c.get("requestId"), method: c.req.method });
    const body: ErrorBody = {
      error: { code: "unavailable", message: "The database is busy; try again in a few seconds" },
    };
    return c.json(body, 503, { "Retry-After": String(DB_RETRY_AFTER_SECONDS) });
  }
  logError("unhandled_error", err, { requestId: c.get("requestId"), method: c.req.method });
  return c.json({ error: { code: "internal", message: "Something went wrong on our side" } } satisfies ErrorBody, 500);
};

export const apiNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(
    { error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` } } satisfies ErrorBody,
    404,
  );
