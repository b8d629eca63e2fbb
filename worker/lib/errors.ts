import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorIssue = { path: string; message: string };
export type ErrorBody = { error: { code: string; message: string; issues?: ErrorIssue[] } };

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

/** Throws an ApiError; reads well in handlers: `throw fail(404, "not_found", "No such meeting")`. */
export function fail(
  status: ContentfulStatusCode,
  code: string,
  message: string,
  extra?: { issues?: ErrorIssue[]; headers?: Record<string, string> },
): ApiError {
  return new ApiError(status, code, message, extra?.issues, extra?.headers);
}

export const notFound = (what: string) => fail(404, "not_found", `${what} not found`);
