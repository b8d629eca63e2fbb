/**
 * The deployment's slip signing keys, from the SLIP_SIGNING_KEY secret: a JSON Web Key Set whose
 * first key (private, with `kid`) signs new slips; the keys after it are earlier ones, kept only so
 * slips issued before a rotation still verify (their private half may be dropped: `d` is optional).
 */
import type { JSONWebKeySet, JWK } from "jose";
import { z } from "zod";
import { publicJwk } from "#shared/slip-token";

const ed25519Jwk = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().min(43),
  d: z.string().min(43).optional(),
  kid: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
});
const keySet = z.object({ keys: z.array(ed25519Jwk).min(1).max(5) });

export type SlipKeys = { current: { kid: string; privateJwk: JWK }; jwks: JSONWebKeySet };

/** Parses the secret; throws (→ 500, logged without the secret) when it is missing or malformed. */
export function slipKeys(secret: string | undefined): SlipKeys {
  const parsed = keySet.safeParse(
    (() => {
      try {
        return JSON.parse(secret ?? "");
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success) throw new Error("SLIP_SIGNING_KEY is missing or is not a JWKS of Ed25519 keys");
  const [current] = parsed.data.keys;
  if (!current?.d) throw new Error("SLIP_SIGNING_KEY: the first key must include its private part (d)");
  const kids = parsed.data.keys.map((k) => k.kid);
  if (new Set(kids).size !== kids.length) throw new Error("SLIP_SIGNING_KEY: key ids must be unique");
  return {
    current: { kid: current.kid, privateJwk: current },
    jwks: { keys: parsed.data.keys.map((k) => publicJwk(k)) },
  };
}
