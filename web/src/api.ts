import { hc } from "hono/client";
import type { ApiType } from "../../.types/worker/app";

/**
 * The typed API client, checked against the Worker's route definitions (`ApiType` is emitted by
 * `tsc -p tsconfig.json` into .types/). Cookies ride along for signed-in service members.
 */
export const api = hc<ApiType>(`${location.origin}/api`, { init: { credentials: "include" } });

export type ApiError = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/** Reads a JSON error body, tolerating non-JSON answers. */
export async function readError(res: Response): Promise<ApiError["error"]> {
  try {
    const body = (await res.json()) as ApiError;
    return body.error ?? { code: `http_${res.status}`, message: res.statusText };
  } catch {
    return { code: `http_${res.status}`, message: res.statusText };
  }
}
