import type { JSONWebKeySet } from "jose";
import { z } from "zod";

/**
 * The published slip keys (`/.well-known/jwks.json`), fetched when online and kept in localStorage
 * so the verify page still checks slips offline. Public keys only: nothing private is stored.
 */
export type SlipKeys = { jwks: JSONWebKeySet; fetchedAt: number };
export type LoadedKeys = { keys: SlipKeys | null; offline: boolean };

const KEY = "mh.slipKeys";
const jwksSchema = z.object({
  keys: z
    .array(z.object({ kty: z.string(), kid: z.string(), crv: z.string().optional(), x: z.string().optional() }).loose())
    .max(20),
});
const cachedSchema = z.object({ jwks: jwksSchema, fetchedAt: z.number() });

type KeyStore = Pick<Storage, "getItem" | "setItem">;

export function readCachedKeys(storage: KeyStore): SlipKeys | null {
  try {
    const parsed = cachedSchema.safeParse(JSON.parse(storage.getItem(KEY) ?? "null"));
    return parsed.success ? (parsed.data as SlipKeys) : null;
  } catch {
    return null;
  }
}

/** Network first (the keys rotate), falling back to the copy on this device when offline or refused. */
export async function loadSlipKeys(storage: KeyStore, fetcher: typeof fetch, now: number): Promise<LoadedKeys> {
  try {
    const res = await fetcher("/.well-known/jwks.json", { cache: "no-cache", signal: AbortSignal.timeout(8000) });
    const jwks = jwksSchema.safeParse(res.ok ? await res.json() : null);
    if (jwks.success) {
      const keys: SlipKeys = { jwks: jwks.data as JSONWebKeySet, fetchedAt: now };
      storage.setItem(KEY, JSON.stringify(keys));
      return { keys, offline: false };
    }
  } catch {
    // Offline or unreachable: the cached keys answer below.
  }
  return { keys: readCachedKeys(storage), offline: true };
}
