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

/** Calls the Worker's fetch with a modified environment (e.g. a missing binding). */
export async function callWithEnv(path: string, overrides: Partial<Env>): Promise<Response> {
  const { default: worker } = await import("../worker/index");
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`), { ...env, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export type ErrorJson = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
