import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { dbErrorKind } from "../lib/db-errors";
import { ApiError, type ErrorBody } from "../lib/errors";
import { logError } from "../lib/log";

/** How long a client should wait before retrying when D1 is overloaded or briefly unavailable. */
export const DB_RETRY_AFTER_SECONDS = 5;

/**
 * The one error handler: `{ error: { code, message, issues? } }`; 503 + Retry-After when D1 is
 * overloaded or briefly unavailable (a retry may work), generic 500 for the unexpected.
 */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
    return c.json(body, err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    const code = err.status === 400 ? "bad_request" : err.status === 401 ? "unauthenticated" : `http_${err.status}`;
    return c.json({ error: { code, message: err.message || "Request failed" } } satisfies ErrorBody, err.status);
  }
  if (dbErrorKind(err) === "d1_unavailable") {
    logError("db_unavailable", err, { requestId: c.get("requestId"), method: c.req.method });
    const body: ErrorBody = { error: { code: "unavailable", message: "The database is busy; try again in a few seconds" } };
    return c.json(body, 503, { "Retry-After": String(DB_RETRY_AFTER_SECONDS) });
  }
  logError("unhandled_error", err, { requestId: c.get("requestId"), method: c.req.method });
  return c.json({ error: { code: "internal", message: "Something went wrong on our side" } } satisfies ErrorBody, 500);
};

export const apiNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json({ error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` } } satisfies ErrorBody, 404);
