import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "../db/client";
import { signInTokens, users } from "../db/schema";
import { randomToken, sha256 } from "./crypto";
import { mailerFor } from "./mailer";
import { findUserByEmail } from "./users";

export const SIGN_IN_TTL_MS = 15 * 60 * 1000;

/**
 * Prepares a sign-in link for `email`. The request path does the same work whether or not the
 * address belongs to a service member (HMAC lookup, token, hash); storing the token and sending
 * the mail happen in the returned background task, so response timing does not tell them apart.
 */
export async function prepareMagicLink(env: Env, email: string, now = Date.now()): Promise<() => Promise<void>> {
  const token = randomToken();
  const [user, tokenHash] = await Promise.all([findUserByEmail(env, email), sha256(token)]);
  if (!user || user.erasedAt) return async () => {};
  const url = `${env.APP_ORIGIN}/api/auth/callback?token=${encodeURIComponent(token)}`;
  return async () => {
    await db(env).insert(signInTokens).values({ tokenHash, userId: user.id, expiresAt: now + SIGN_IN_TTL_MS });
    await mailerFor(env).send({
      to: email.trim(),
      subject: "Your Meetinghouse sign-in link",
      url,
      text: `Open this link within 15 minutes to sign in to Meetinghouse:\n\n${url}\n\nIf you did not ask for it, ignore this message.`,
    });
  };
}

/** Uses a sign-in token once. Returns the user, or null if unknown, used or expired. */
export async function consumeMagicLink(env: Env, token: string, now = Date.now()) {
  const tokenHash = await sha256(token);
  const d = db(env);
  const claimed = await d
    .update(signInTokens)
    .set({ usedAt: now })
    .where(and(eq(signInTokens.tokenHash, tokenHash), isNull(signInTokens.usedAt), gt(signInTokens.expiresAt, now)))
    .returning({ userId: signInTokens.userId });
  const userId = claimed[0]?.userId;
  if (!userId) return null;
  const user = await d.select().from(users).where(eq(users.id, userId)).get();
  return user && !user.erasedAt ? user : null;
}
