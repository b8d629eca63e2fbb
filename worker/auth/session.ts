import { and, eq, isNull } from "drizzle-orm";
import { db } from "../db/client";
import { refreshFamilies, refreshTokens } from "../db/schema";
import { newId } from "../lib/ids";
import { ACCESS_TTL_SECONDS, REFRESH_TTL_SECONDS, signToken, verifyToken } from "./jwt";

export type SessionTokens = { accessToken: string; refreshToken: string; expiresIn: number; familyId: string };

async function mintPair(env: Env, userId: string, familyId: string, isPlatformAdmin: boolean) {
  const refreshJti = newId("rt_");
  const [accessToken, refreshToken] = await Promise.all([
    signToken(
      env.JWT_SECRET,
      "meetinghouse:access",
      userId,
      { fid: familyId, adm: isPlatformAdmin },
      ACCESS_TTL_SECONDS,
    ),
    signToken(env.JWT_SECRET, "meetinghouse:refresh", userId, { fid: familyId }, REFRESH_TTL_SECONDS, refreshJti),
  ]);
  return { accessToken, refreshToken, refreshJti };
}

/** Starts a new refresh family (one sign-in) and returns its first token pair. */
export async function startSession(env: Env, userId: string, isPlatformAdmin: boolean): Promise<SessionTokens> {
  const familyId = newId("rf_");
  const now = Date.now();
  const expiresAt = now + REFRESH_TTL_SECONDS * 1000;
  const pair = await mintPair(env, userId, familyId, isPlatformAdmin);
  const d = db(env);
  await d.batch([
    d.insert(refreshFamilies).values({ id: familyId, userId, expiresAt }),
    d.insert(refreshTokens).values({ jti: pair.refreshJti, familyId, expiresAt }),
  ]);
  return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresIn: ACCESS_TTL_SECONDS, familyId };
}

export async function revokeFamily(env: Env, familyId: string, reason: string): Promise<void> {
  await db(env)
    .update(refreshFamilies)
    .set({ revokedAt: Date.now(), revokedReason: reason })
    .where(and(eq(refreshFamilies.id, familyId), isNull(refreshFamilies.revokedAt)));
}

export type RotateResult =
  | { ok: true; tokens: SessionTokens }
  | { ok: false; reason: "invalid" | "reused" | "revoked" };

/**
 * Exchanges a refresh token for a new pair. A token may be used once: presenting it again
 * means it was stolen or replayed, so the whole family is revoked (reuse detection).
 */
export async function rotateRefresh(
  env: Env,
  refreshToken: string,
  isPlatformAdmin: (userId: string) => Promise<boolean>,
): Promise<RotateResult> {
  const payload = await verifyToken(env.JWT_SECRET, "meetinghouse:refresh", refreshToken);
  if (!payload?.jti || !payload.sub || typeof payload.fid !== "string") return { ok: false, reason: "invalid" };
  const d = db(env);
  const now = Date.now();
  // Claim the token atomically: only one caller can flip used_at from NULL.
  const claimed = await d
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(
      and(eq(refreshTokens.jti, payload.jti), eq(refreshTokens.familyId, payload.fid), isNull(refreshTokens.usedAt)),
    )
    .returning({ jti: refreshTokens.jti });
  if (claimed.length === 0) {
    await revokeFamily(env, payload.fid, "refresh_reuse");
    return { ok: false, reason: "reused" };
  }
  const family = await d.select().from(refreshFamilies).where(eq(refreshFamilies.id, payload.fid)).get();
  if (!family || family.revokedAt || family.expiresAt <= now || family.userId !== payload.sub)
    return { ok: false, reason: "revoked" };
  const pair = await mintPair(env, payload.sub, payload.fid, await isPlatformAdmin(payload.sub));
  await d.insert(refreshTokens).values({ jti: pair.refreshJti, familyId: payload.fid, expiresAt: family.expiresAt });
  return {
    ok: true,
    tokens: {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresIn: ACCESS_TTL_SECONDS,
      familyId: payload.fid,
    },
  };
}
