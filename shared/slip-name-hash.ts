/**
 * The attendee's name as a slip carries it: SHA-256 of `slipId:name`, base64url. No imports, so
 * the room's browser chunk computes it without pulling in jose or zod; the name never leaves it.
 */

/** One way to write a name, so "  ana  MARÍA " and "Ana María" hash alike. */
export function normalizeName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("und");
}

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** The name's hash as the slip carries it: salted with the slip id, so equal names differ per slip. */
export async function slipNameHash(slipId: string, name: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${slipId}:${normalizeName(name)}`));
  return b64url(new Uint8Array(digest));
}

/** A fresh slip id (128 random bits), chosen by the browser because it salts the name hash. */
export function newSlipId(): string {
  return `slip_${b64url(crypto.getRandomValues(new Uint8Array(16)))}`;
}
