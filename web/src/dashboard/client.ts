import { hc } from "hono/client";
import type { ApiType } from "#shared/api-types";
import { errorOf, send } from "./http";

/**
 * The typed API client for the dashboard: the same route types as `web/src/api.ts`, but every call
 * goes through `send`, which renews an expired access token once before giving up.
 */
export const dashApi = hc<ApiType>(`${location.origin}/api`, {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return send(url.startsWith(location.origin) ? url.slice(location.origin.length) : url, init);
  },
});

/** Throws an HttpError for a non-2xx answer, else returns it (so callers read the typed JSON). */
export async function ensureOk<R extends Response>(res: R): Promise<R> {
  if (res.ok) return res;
  throw await errorOf(res);
}
