import type { Context, MiddlewareHandler } from "hono";
import { hmac } from "../auth/crypto";
import type { AppEnv } from "../env";
import { addressNetwork } from "../lib/address";
import { fail } from "./errors";

export type LimiterName = "RATE_LIMITER" | "SIGNIN_LIMITER" | "JOIN_LIMITER" | "CHAT_LIMITER" | "WRITE_LIMITER";

/** The window each binding counts over (wrangler.toml `simple.period`), for Retry-After. */
const PERIOD_SECONDS: Record<LimiterName, number> = {
  RATE_LIMITER: 60,
  SIGNIN_LIMITER: 60,
  JOIN_LIMITER: 60,
  CHAT_LIMITER: 10,
  WRITE_LIMITER: 60,
};

/**
 * The connecting address, reduced to its network (IPv6 by its /64): the one thing about a client
 * that it cannot cheaply change. Headers the client chooses (User-Agent and the like) are
 * deliberately not part of it. Not exported: it leaves this module only inside a hash
 * (`clientFingerprint`, `networkHash`), so nothing can store or log it.
 */
function connectingNetwork(c: Context<AppEnv>): string {
  return addressNetwork(c.req.header("CF-Connecting-IP") ?? "local");
}

/** A stable salted hash of the connecting network within `scope` (e.g. one meeting): never the address. */
export function networkHash(c: Context<AppEnv>, scope: string): Promise<string> {
  return hmac(c.env.FINGERPRINT_SECRET, `${scope}:${connectingNetwork(c)}`);
}

/**
 * A salted, daily-rotating hash of the client's connecting network. Computed per request, never
 * stored raw and never logged; tomorrow's salt makes today's hashes unlinkable.
 */
export async function clientFingerprint(c: Context<AppEnv>, now = Date.now()): Promise<string> {
  // Rate limits and the join gate both ask for it on the same request: compute it once.
  const known = c.get("fingerprint");
  if (known) return known;
  const salt = await dailySalt(c.env.FINGERPRINT_SECRET, new Date(now).toISOString().slice(0, 10));
  const fingerprint = await hmac(salt, connectingNetwork(c));
  c.set("fingerprint", fingerprint);
  return fingerprint;
}

/** Today's salt, derived once per isolate and day (it changes at 00:00 UTC, so old hashes go stale). */
let saltCache: { secret: string; day: string; salt: string } | null = null;
async function dailySalt(secret: string, day: string): Promise<string> {
  if (saltCache?.secret !== secret || saltCache.day !== day)
    saltCache = { secret, day, salt: await hmac(secret, `fingerprint-salt:${day}`) };
  return saltCache.salt;
}

/** Counts one hit against `limiter` for `key`; throws 429 with Retry-After when over. */
export async function enforceLimit(env: Env, limiter: LimiterName, key: string): Promise<void> {
  const { success } = await env[limiter].limit({ key });
  if (!success) {
    const retryAfter = String(PERIOD_SECONDS[limiter]);
    throw fail(429, "rate_limited", "Too many requests; try again shortly", { headers: { "Retry-After": retryAfter } });
  }
}

/** Marks a rate-limited route's middleware, so the OpenAPI document lists its 429. */
export const RATE_LIMITED = Symbol.for("meetinghouse.rate-limited");

/** Middleware: one hit per request, keyed by the client fingerprint (or the signed-in user). */
export function rateLimit(
  limiter: LimiterName,
  keyBy: "fingerprint" | "user" = "fingerprint",
): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const principal = c.get("principal");
    const key =
      keyBy === "user" && principal.kind === "user" ? `u:${principal.userId}` : `f:${await clientFingerprint(c)}`;
    await enforceLimit(c.env, limiter, `${limiter}:${key}`);
    await next();
  };
  return Object.assign(middleware, { [RATE_LIMITED]: limiter });
}

/** The room's WebSocket door counts each way in against one limiter of its own (rooms/routes/socket.ts). */
const ROOM_SOCKET = /^\/api\/rooms\/[^/]+$/;

/**
 * The coarse limit on API reads (GET/HEAD): RATE_LIMITER (600 a minute) per client fingerprint,
 * so one address cannot flood D1 through the public directory. Writes have their own limits, and
 * so does the room's socket (a join counts once, against JOIN_LIMITER, not twice).
 */
export const readLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  if ((c.req.method !== "GET" && c.req.method !== "HEAD") || ROOM_SOCKET.test(c.req.path)) return next();
  await enforceLimit(c.env, "RATE_LIMITER", `RATE_LIMITER:f:${await clientFingerprint(c)}`);
  await next();
};
