import { desc } from "drizzle-orm";
import { decryptText, encryptText } from "../auth/crypto";
import type { Mail, Mailer } from "../auth/mailer";
import { db } from "../db/client";
import { devOutbox } from "../db/schema";
import { newId } from "../lib/ids";
import { log } from "../lib/log";

/**
 * Development: keeps the mail in D1 (address encrypted) for the dev outbox page. Logs that a
 * mail was kept, never the address or the link (the link carries a sign-in token).
 */
export class DevOutboxMailer implements Mailer {
  constructor(private env: Env) {}
  async send(mail: Mail) {
    const id = newId("mail_");
    await db(this.env)
      .insert(devOutbox)
      .values({
        id,
        toEnc: await encryptText(this.env.EMAIL_ENC_KEY, mail.to),
        subject: mail.subject,
        url: mail.url,
        sentAt: Date.now(),
      });
    log("dev_outbox", { mailId: id });
  }
}

/** The dev outbox, newest first, addresses decrypted for the developer reading it. */
export async function readDevOutbox(env: Env, limit = 50) {
  const rows = await db(env).select().from(devOutbox).orderBy(desc(devOutbox.sentAt)).limit(limit);
  return Promise.all(
    rows.map(async (r) => ({
      to: await decryptText(env.EMAIL_ENC_KEY, r.toEnc),
      subject: r.subject,
      url: r.url,
      sentAt: new Date(r.sentAt).toISOString(),
    })),
  );
}
