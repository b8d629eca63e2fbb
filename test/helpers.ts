import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";

export const ORIGIN = "http://127.0.0.1:8787";

/** Calls the Worker like a browser on the app's own origin would. */
export async function call(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  }
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers, body }));
}

/**
 * Calls the Worker's fetch with a modified environment (e.g. a missing binding). The development
 * entry by default, as every other test runs; `entry: "production"` runs worker/index.ts.
 */
export async function callWithEnv(
  path: string,
  overrides: Partial<Env>,
  init: RequestInit & { entry?: "production" | "development" } = {},
): Promise<Response> {
  const { entry, ...requestInit } = init;
  const { default: worker } =
    entry === "production" ? await import("../worker/index") : await import("../worker/dev/index");
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, requestInit), { ...env, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export type ErrorJson = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
