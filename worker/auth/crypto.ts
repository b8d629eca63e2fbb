import { base64url, fromBase64url } from "../lib/ids";

const enc = new TextEncoder();
const dec = new TextDecoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
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

async function aesKey(secret: string): Promise<CryptoKey> {
  // The secret may be any string; derive a 256-bit key from it deterministically.
  const raw = await crypto.subtle.digest("SHA-256", enc.encode(secret));
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
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
