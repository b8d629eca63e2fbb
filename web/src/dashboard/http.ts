/**
 * Small JSON helpers for the dashboard. Session cookies ride along; an expired access token is
 * renewed once through the refresh cookie and the request retried, so a long treasury session
 * does not bounce the volunteer back to sign-in every 15 minutes.
 */

import { type ErrorIssue, readErrorBody } from "#shared/api-error";

export type ApiIssue = ErrorIssue;

/** An API answer that was not 2xx, with the server's error code and the fields it named. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

/** The HttpError of a non-2xx answer, read by the API's one error-body reader. */
export async function errorOf(res: Response): Promise<HttpError> {
  const error = await readErrorBody(res);
  return new HttpError(res.status, error.code, error.message, error.issues ?? []);
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: parallel 401s share it (refresh tokens rotate and reuse is detected). */
function refreshSession(): Promise<boolean> {
  refreshing ??= fetch("/api/auth/refresh", { method: "POST", credentials: "include" })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      setTimeout(() => {
        refreshing = null;
      }, 0);
    });
  return refreshing;
}

/** Fetches with cookies, retrying once after a refresh when the access token has expired. */
export async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const go = () => fetch(path, { credentials: "include", ...init });
  let res = await go();
  if (res.status === 401 && !path.startsWith("/api/auth/") && (await refreshSession())) res = await go();
  return res;
}

/** GET a JSON document or throw an HttpError. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await send(path, { headers: { Accept: "application/json" } });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

/** POST/PATCH/PUT/DELETE a JSON body and read the JSON answer, or throw an HttpError. */
export async function sendJson<T>(
  path: string,
  method: "POST" | "PATCH" | "PUT" | "DELETE",
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await send(path, {
    method,
    headers: {
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await errorOf(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** A fresh Idempotency-Key for one money-affecting submission (reused only by its own retries). */
export function newIdempotencyKey(): string {
  return `web-${crypto.randomUUID()}`;
}
