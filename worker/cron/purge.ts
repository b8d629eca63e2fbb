import { lt } from "drizzle-orm";
import { db } from "../db/client";
import { refreshFamilies, refreshTokens, signInTokens } from "../db/schema";
import { log } from "../lib/log";
import { inArray } from "drizzle-orm";

/** Deletes what has outlived its purpose: expired sign-in links and refresh families. */
export async function purgeExpired(env: Env, now: number): Promise<void> {
  const started = Date.now();
  const d = db(env);
  const expiredFamilies = d.select({ id: refreshFamilies.id }).from(refreshFamilies).where(lt(refreshFamilies.expiresAt, now));
  const [tokens, refresh, families] = await d.batch([
    d.delete(signInTokens).where(lt(signInTokens.expiresAt, now)),
    d.delete(refreshTokens).where(inArray(refreshTokens.familyId, expiredFamilies)),
    d.delete(refreshFamilies).where(lt(refreshFamilies.expiresAt, now)),
  ]);
  log("purge", { signInTokens: tokens.meta.changes, refreshTokens: refresh.meta.changes, refreshFamilies: families.meta.changes, ms: Date.now() - started });
}
