import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { users } from "../db/schema";
import { newId } from "../lib/ids";
import { encryptText, hmac, normalizeEmail } from "./crypto";

/** The lookup key for an email: HMAC, so the database never holds the address in the clear. */
export function emailLookupKey(env: Env, email: string): Promise<string> {
  return hmac(env.EMAIL_HMAC_KEY, normalizeEmail(email));
}

export async function findUserByEmail(env: Env, email: string) {
  return db(env)
    .select()
    .from(users)
    .where(eq(users.emailHmac, await emailLookupKey(env, email)))
    .get();
}

/** Finds or creates the service member with this email (emails are stored encrypted + HMAC only). */
export async function ensureUser(env: Env, email: string, displayName: string, isPlatformAdmin = false) {
  const existing = await findUserByEmail(env, email);
  if (existing) return existing;
  const row = {
    id: newId("usr_"),
    emailHmac: await emailLookupKey(env, email),
    emailEnc: await encryptText(env.EMAIL_ENC_KEY, normalizeEmail(email)),
    displayName,
    isPlatformAdmin,
  };
  await db(env).insert(users).values(row).onConflictDoNothing();
  return (await findUserByEmail(env, email)) ?? { ...row, createdAt: Date.now(), erasedAt: null };
}
