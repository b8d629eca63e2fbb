import type { Context, MiddlewareHandler } from "hono";
import { hmac } from "../auth/crypto";
import type { AppEnv } from "../env";
import { fail } from "../lib/errors";

export type LimiterName = "RATE_LIMITER" | "SIGNIN_LIMITER" | "JOIN_LIMITER" | "CHAT_LIMITER" | "WRITE_LIMITER";

/** The window each binding counts over (wrangler.toml `simple.period`), for Retry-After. */
const PERIOD_SECONDS: Record<LimiterName, number> = { RATE_LIMITER: 60, SIGNIN_LIMITER: 60, JOIN_LIMITER: 60, CHAT_LIMITER: 10, WRITE_LIMITER: 60 };

/**
 * A salted, daily-rotating hash of the client's address and user agent. Computed per request,
 * never stored raw and never logged; tomorrow's salt makes today's hashes unlinkable.
 */
export async function clientFingerprint(c: Context<AppEnv>, now = Date.now()): Promise<string> {
  const day = new Date(now).toISOString().slice(0, 10);
  const salt = await hmac(c.env.FINGERPRINT_SECRET, `fingerprint-salt:${day}`);
  const fingerprintAddress = c.req.header("CF-Connecting-IP") ?? "local";
  const agent = c.req.header("User-Agent") ?? "";
  return hmac(salt, `${fingerprintAddress}\n${agent}`);
}

/** Counts one hit against `limiter` for `key`; throws 429 with Retry-After when over. */
export async function enforceLimit(env: Env, limiter: LimiterName, key: string): Promise<void> {
  const { success } = await env[limiter].limit({ key });
  if (!success) {
    const retryAfter = String(PERIOD_SECONDS[limiter]);
    throw fail(429, "rate_limited", "Too many requests; try again shortly", { headers: { "Retry-After": retryAfter } });
  }
}

/** Middleware: one hit per request, keyed by the client fingerprint (or the signed-in user). */
export function rateLimit(limiter: LimiterName, keyBy: "fingerprint" | "user" = "fingerprint"): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get("principal");
    const key = keyBy === "user" && principal.kind === "user" ? `u:${principal.userId}` : `f:${await clientFingerprint(c)}`;
    await enforceLimit(c.env, limiter, `${limiter}:${key}`);
    await next();
  };
}
