import { base64url, fromBase64url } from "./ids";

/** Workers caps PBKDF2 at 100,000 iterations; that is also OWASP's floor for PBKDF2-SHA256. */
const ITERATIONS = 100_000;
const PREFIX = "pbkdf2-sha256";

async function derive(passcode: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(passcode.normalize("NFKC")),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** A salted slow hash: `pbkdf2-sha256$iterations$salt$hash`. The passcode itself is never stored. */
export async function hashPasscode(passcode: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(passcode, salt, ITERATIONS);
  return `${PREFIX}$${ITERATIONS}$${base64url(salt)}$${base64url(hash)}`;
}

/** Compares a guess against a stored hash in constant time (over the derived bytes). */
export async function checkPasscode(guess: string, stored: string): Promise<boolean> {
  const [prefix, iter, salt, hash] = stored.split("$");
  if (prefix !== PREFIX || !iter || !salt || !hash) return false;
  const expected = fromBase64url(hash);
  const actual = await derive(guess, fromBase64url(salt), Number(iter));
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) diff |= (expected[i] ?? 0) ^ (actual[i] ?? 0);
  return diff === 0;
}
