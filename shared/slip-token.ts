/**
 * Attendance slips as compact Ed25519 JWS (issue 18), free of I/O and of any platform API beyond
 * WebCrypto, so the Worker signs with it and the public verify page (web/src/slips/) checks with it
 * in the browser.
 *
 * A slip names the meeting, the group, the date, when presence started and ended, the role that
 * confirmed it (never the person) and its id. The attendee's own name never leaves their browser:
 * the slip carries only SHA-256(slip id + name), and the printed slip shows the name beside it.
 */
import {
  CompactSign,
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWK,
  importJWK,
} from "jose";
import { z } from "zod";
import { slipNameHash } from "#shared/slip-name-hash";

export { normalizeName, slipNameHash } from "#shared/slip-name-hash";

/** The JWS `typ` of a slip, so no other token signed by the same key can pass for one. */
export const SLIP_TYPE = "attendance-slip+jws";
export const SLIP_ALG = "EdDSA";

export const slipClaimsSchema = z.strictObject({
  v: z.literal(1),
  sid: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  meeting: z.string().min(1).max(200),
  group: z.string().min(1).max(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  confirmedBy: z.enum(["host", "auto"]),
  /** base64url SHA-256 of `sid:name` (name normalized), or null when the attendee typed none. */
  nameHash: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .nullable(),
  iat: z.number().int().positive(),
  /** The meeting's IANA zone, so a slip shows presence in the meeting's own time (absent on the first slips: shown in UTC). */
  tz: z
    .string()
    .regex(/^[A-Za-z0-9_+/-]{1,64}$/)
    .optional(),
});
export type SlipClaims = z.infer<typeof slipClaimsSchema>;

/** Signs a slip with the deployment's current key; the header names the key (kid) for rotation. */
export async function signSlip(key: { kid: string; privateJwk: JWK }, claims: SlipClaims): Promise<string> {
  const valid = slipClaimsSchema.parse(claims);
  const privateKey = await importJWK(key.privateJwk, SLIP_ALG);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(valid)))
    .setProtectedHeader({ alg: SLIP_ALG, kid: key.kid, typ: SLIP_TYPE })
    .sign(privateKey);
}

export type SlipCheck =
  | { ok: true; claims: SlipClaims; kid: string; nameMatches: boolean | null }
  | { ok: false; reason: "malformed" | "unknown_key" | "bad_signature" | "invalid_claims" | "name_mismatch" };

/**
 * Verifies a slip against the published keys (current and previous), then — when a name is
 * typed — whether it is the name the slip was made for. `nameMatches` is null without a name.
 */
export async function verifySlip(token: string, jwks: JSONWebKeySet, typedName?: string): Promise<SlipCheck> {
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(token.trim());
    if (header.alg !== SLIP_ALG || header.typ !== SLIP_TYPE) return { ok: false, reason: "malformed" };
    kid = header.kid;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!kid || !jwks.keys.some((k) => k.kid === kid)) return { ok: false, reason: "unknown_key" };
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token.trim(), createLocalJWKSet(jwks), { algorithms: [SLIP_ALG] }));
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
  let claims: SlipClaims;
  try {
    claims = slipClaimsSchema.parse(JSON.parse(new TextDecoder().decode(payload)));
  } catch {
    return { ok: false, reason: "invalid_claims" };
  }
  if (typedName === undefined || typedName.trim() === "") return { ok: true, claims, kid, nameMatches: null };
  if (!(await slipNameMatches(claims, typedName))) return { ok: false, reason: "name_mismatch" };
  return { ok: true, claims, kid, nameMatches: true };
}

/** Whether `typedName` is the name the slip was made for (false on a slip issued without a name). */
export async function slipNameMatches(claims: SlipClaims, typedName: string): Promise<boolean> {
  return claims.nameHash !== null && claims.nameHash === (await slipNameHash(claims.sid, typedName));
}

/**
 * The claims of a slip WITHOUT checking its signature: only for showing the attendee their own
 * slip as the room just sent it (the printable page). Anything that decides uses `verifySlip`.
 */
export function unverifiedSlipClaims(token: string): SlipClaims | null {
  try {
    const payload = token.trim().split(".")[1] ?? "";
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    return slipClaimsSchema.parse(JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))));
  } catch {
    return null;
  }
}

/** The public half of a signing key as `/.well-known/jwks.json` publishes it. */
export function publicJwk(jwk: JWK & { kid: string }): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: jwk.kid, alg: SLIP_ALG, use: "sig" };
}
