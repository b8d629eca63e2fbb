import { type JWTPayload, SignJWT, errors as joseErrors, jwtVerify } from "jose";
import { newId } from "../lib/ids";
import { derivedOnce } from "./crypto";

/** Pinned: tokens with any other `alg` (including `none`) are refused. */
const ALG = "HS256";
export const ISSUER = "meetinghouse";
export const ACCESS_TTL_SECONDS = 15 * 60;
export const REFRESH_TTL_SECONDS = 7 * 24 * 60 * 60;
export const TICKET_TTL_SECONDS = 60;
/** Room session tokens (HTTP mirrors, reconnects) last about as long as a long meeting. */
export const ROOM_SESSION_TTL_SECONDS = 4 * 60 * 60;

export type Audience =
  | "meetinghouse:access"
  | "meetinghouse:refresh"
  | "meetinghouse:room-ticket"
  | "meetinghouse:room-session";

type KeySet = { kid: string; key: CryptoKey };

/** The signing key and its id. Rotating JWT_SECRET changes the kid, so old tokens stop verifying. */
export function keyFor(secret: string): Promise<KeySet> {
  // Derived once per isolate: jose would otherwise import the raw key again on every sign and verify.
  return derivedOnce("jwt", secret, async () => {
    const encoded = new TextEncoder().encode(secret);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`kid:${secret}`)));
    const kid = Array.from(digest.slice(0, 6), (b) => b.toString(16).padStart(2, "0")).join("");
    const key = await crypto.subtle.importKey("raw", encoded, { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    return { kid, key };
  });
}

export async function signToken(
  secret: string,
  audience: Audience,
  subject: string,
  claims: Record<string, unknown>,
  ttlSeconds: number,
  jti: string = newId(),
): Promise<string> {
  const { kid, key } = await keyFor(secret);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid, typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(subject)
    .setJti(jti)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key);
}

/** Verifies signature, alg, kid, iss, aud, nbf and exp; returns the payload or null (never throws). */
export async function verifyToken(secret: string, audience: Audience, token: string): Promise<JWTPayload | null> {
  const { kid, key } = await keyFor(secret);
  try {
    const { payload, protectedHeader } = await jwtVerify(token, key, {
      algorithms: [ALG],
      issuer: ISSUER,
      audience,
      requiredClaims: ["exp", "nbf", "jti", "sub", "iat"],
    });
    if (protectedHeader.kid !== kid) return null;
    return payload;
  } catch (err) {
    if (err instanceof joseErrors.JOSEError || err instanceof TypeError) return null;
    throw err;
  }
}
