/**
 * The proof-of-work challenge a room under passcode attack asks joiners to solve (ALTCHA, self
 * hosted: no third party, nothing about the person is sent or kept). Created and checked in the
 * Worker; the room spends each solved challenge once (see RoomStore.spendChallenge).
 */
import { createChallenge, randomInt, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import type { Challenge, Payload } from "altcha-lib/types";
import { hmac } from "../auth/crypto";

/**
 * Difficulty: the solver tries counters from 0 up to a secret one between these bounds, each try
 * one PBKDF2-SHA-256 of `COST` rounds (a bounded amount of work, unlike a random prefix search).
 * Measured with the real widget in headless Chromium on the shared 2-core build machine (load
 * average ~19): 0.4–0.75 s for a whole check; with the CPU throttled 4× (a slow phone) 0.8–2.1 s,
 * most of it fixed start-up (worker spawn, fetch) rather than the work, which is why the work is
 * kept this small. A guesser pays it for every guess, on top of the per-network limit.
 */
export const CHALLENGE_COST = 1_000;
export const CHALLENGE_COUNTER = { min: 100, max: 200 } as const;
/** A challenge must be solved and used within this long. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;
const ALGORITHM = "PBKDF2/SHA-256";

/** Keys derived from the JWT secret (no new secret to deploy), one per purpose. */
async function keys(jwtSecret: string) {
  return {
    signature: await hmac(jwtSecret, "altcha:challenge-signature"),
    keySignature: await hmac(jwtSecret, "altcha:key-signature"),
  };
}

/** A fresh challenge bound to one occurrence's room. */
export async function createJoinChallenge(
  jwtSecret: string,
  occurrenceId: string,
  now = Date.now(),
): Promise<Challenge> {
  const k = await keys(jwtSecret);
  return createChallenge({
    algorithm: ALGORITHM,
    cost: CHALLENGE_COST,
    counter: randomInt(CHALLENGE_COUNTER.max, CHALLENGE_COUNTER.min),
    deriveKey,
    data: { occ: occurrenceId },
    expiresAt: Math.floor(now / 1000) + CHALLENGE_TTL_SECONDS,
    hmacSignatureSecret: k.signature,
    hmacKeySignatureSecret: k.keySignature,
  });
}

export type SolvedChallenge =
  | { ok: true; id: string; expiresAt: number }
  | { ok: false; code: "bad_challenge" | "challenge_expired"; message: string };

/**
 * Checks a solution the widget produced (base64 JSON `{ challenge, solution }`): our signature,
 * not expired, for this room, and really solved. Single use is the room's part.
 */
export async function verifyJoinChallenge(
  jwtSecret: string,
  payload: string,
  occurrenceId: string,
): Promise<SolvedChallenge> {
  const bad = { ok: false, code: "bad_challenge", message: "The check could not be verified; try it again" } as const;
  let parsed: Payload;
  try {
    parsed = JSON.parse(atob(payload)) as Payload;
  } catch {
    return bad;
  }
  const params = parsed?.challenge?.parameters;
  if (
    !params ||
    typeof params !== "object" ||
    !parsed.solution ||
    params.algorithm !== ALGORITHM ||
    params.data?.occ !== occurrenceId
  )
    return bad;
  if (typeof params.expiresAt !== "number" || typeof params.nonce !== "string") return bad;
  const k = await keys(jwtSecret);
  try {
    const result = await verifySolution({
      challenge: parsed.challenge,
      solution: parsed.solution,
      deriveKey,
      hmacSignatureSecret: k.signature,
      hmacKeySignatureSecret: k.keySignature,
    });
    if (result.expired) return { ok: false, code: "challenge_expired", message: "The check expired; solve a new one" };
    if (!result.verified) return bad;
  } catch {
    return bad;
  }
  return { ok: true, id: params.nonce, expiresAt: params.expiresAt * 1000 };
}
