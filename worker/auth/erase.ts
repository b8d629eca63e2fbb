import { and, eq, gt, isNull, or } from "drizzle-orm";
import { todayUtc } from "./authz";
import { db } from "../db/client";
import { refreshFamilies, serviceAssignments, signInTokens, users } from "../db/schema";

/**
 * Erases a service member: the email (ciphertext and lookup HMAC) and name go, every session is
 * revoked and every open assignment ends today. The row stays as an anonymous actor so ledger
 * entries and audit rows that reference it still balance and read ("Former member").
 */
export async function eraseUser(env: Env, userId: string, now = Date.now()): Promise<void> {
  const d = db(env);
  const yesterday = todayUtc(now - 86_400_000);
  await d.batch([
    d
      .update(users)
      .set({ emailHmac: null, emailEnc: null, displayName: "Former member", isPlatformAdmin: false, erasedAt: now })
      .where(eq(users.id, userId)),
    d
      .update(refreshFamilies)
      .set({ revokedAt: now, revokedReason: "erased" })
      .where(and(eq(refreshFamilies.userId, userId), isNull(refreshFamilies.revokedAt))),
    d.delete(signInTokens).where(eq(signInTokens.userId, userId)),
    d
      .update(serviceAssignments)
      .set({ endsOn: yesterday })
      .where(
        and(
          eq(serviceAssignments.userId, userId),
          or(isNull(serviceAssignments.endsOn), gt(serviceAssignments.endsOn, yesterday)),
        ),
      ),
  ]);
}
