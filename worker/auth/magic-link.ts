import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "../db/client";
import { signInTokens, users } from "../db/schema";
import { randomToken, sha256 } from "./crypto";
import { mailerFor } from "./mailer";
import { findUserByEmail } from "./users";

export const SIGN_IN_TTL_MS = 15 * 60 * 1000;

/** The link a sign-in mail carries: the dashboard, with the token in the fragment. */
export function signInUrl(env: Env, token: string): string {
  return `${env.APP_ORIGIN}/service#token=${encodeURIComponent(token)}`;
}

/**
 * Prepares a sign-in link for `email`. The request path does the same work whether or not the
 * address belongs to a service member (HMAC lookup, token, hash, link, mailer): nothing branches
 * on the answer before the response. Storing the token and sending the mail happen in the
 * returned background task, which the caller runs in `waitUntil` for every address alike.
 */
export async function prepareMagicLink(env: Env, email: string, now = Date.now()): Promise<() => Promise<void>> {
  const token = randomToken();
  const [user, tokenHash] = await Promise.all([findUserByEmail(env, email), sha256(token)]);
  // The token rides in the fragment: browsers never send it to a server or put it in a Referer,
  // so no request URL (and no trace or log of one) carries it. The dashboard posts it.
  const url = signInUrl(env, token);
  const mailer = mailerFor(env);
  const recipient = user && !user.erasedAt ? user : null;
  return async () => {
    if (!recipient) return;
    await db(env)
      .insert(signInTokens)
      .values({ tokenHash, userId: recipient.id, expiresAt: now + SIGN_IN_TTL_MS });
    await mailer.send({
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
