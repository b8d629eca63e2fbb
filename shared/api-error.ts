/**
 * The API's one error body, `{ "error": { code, message, issues? } }`: the Worker writes it
 * (worker/http/errors.ts), the web app reads it with `readErrorBody`.
 */
/**
 * One problem with the request. `message` is English for API clients; `code` (zod's issue code:
 * too_small, too_big, invalid_type, invalid_format, invalid_value, unrecognized_keys, custom…) and,
 * for a size limit, `origin` (string, number, array…) with `minimum` / `maximum` let the web app
 * say it in the reader's own language.
 */
export type ErrorIssue = {
  path: string;
  message: string;
  code?: string;
  origin?: string;
  minimum?: number;
  maximum?: number;
};
export type ErrorDetail = { code: string; message: string; issues?: ErrorIssue[] };
export type ErrorBody = { error: ErrorDetail };

/**
 * The error of a non-2xx answer. A body that is not the API's shape (a proxy's HTML page, an
 * empty 502) reads as `http_<status>` with the status text, so callers always get a code.
 */
export async function readErrorBody(res: Response): Promise<ErrorDetail> {
  const fallback: ErrorDetail = { code: `http_${res.status}`, message: res.statusText };
  try {
    const body = (await res.json()) as Partial<ErrorBody> | null;
    const error = body?.error;
    if (!error || typeof error.code !== "string") return fallback;
    return {
      code: error.code,
      message: typeof error.message === "string" ? error.message : res.statusText,
      ...(Array.isArray(error.issues) ? { issues: error.issues } : {}),
    };
  } catch {
    return fallback;
  }
}
