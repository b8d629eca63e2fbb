import { base64url, fromBase64url } from "../lib/ids";

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * Keys derived from a secret, by purpose and secret. Importing is most of what an HMAC costs (a room
 * join makes three), and an isolate sees few secrets (one per setting, plus the daily salt), so a
 * small map that forgets its oldest entry is enough. A failed derivation is not kept.
 */
const derived = new Map<string, Promise<unknown>>();
const KEYS_KEPT = 32;

export function derivedOnce<T>(purpose: string, secret: string, derive: () => Promise<T>): Promise<T> {
  const id = `${purpose}:${secret}`;
  const known = derived.get(id);
  if (known) return known as Promise<T>;
  if (derived.size >= KEYS_KEPT) derived.delete(derived.keys().next().value ?? "");
  const deriving = derive();
  derived.set(id, deriving);
  deriving.catch(() => derived.delete(id));
  return deriving;
}

function hmacKey(secret: string): Promise<CryptoKey> {
  return derivedOnce("hmac", secret, () =>
    crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
  );
}

/** HMAC-SHA256 of `message` under `secret`, base64url. Deterministic: used for lookups and fingerprints. */
export async function hmac(secret: string, message: string): Promise<string> {
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), enc.encode(message));
  return base64url(new Uint8Array(sig));
}

/** SHA-256 of a string, base64url: how single-use tokens are stored (never the token itself). */
export async function sha256(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(text))));
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function aesKey(secret: string): Promise<CryptoKey> {
  return derivedOnce("aes", secret, async () => {
    // The secret may be any string; derive a 256-bit key from it deterministically.
    const raw = await crypto.subtle.digest("SHA-256", enc.encode(secret));
    return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  });
}

/** AES-GCM encrypt; output is base64url(iv ‖ ciphertext). */
export async function encryptText(secret: string, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aesKey(secret), enc.encode(plain));
  const out = new Uint8Array(iv.length + ct.byteLength);
  out.set(iv);
  out.set(new Uint8Array(ct), iv.length);
  return base64url(out);
}

export async function decryptText(secret: string, sealed: string): Promise<string> {
  const bytes = fromBase64url(sealed);
  const pt = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.slice(0, 12) },
    await aesKey(secret),
    bytes.slice(12),
  );
  return dec.decode(pt);
}

/** Random token for links (256 bits). */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}
