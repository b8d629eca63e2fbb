import { desc } from "drizzle-orm";
import { db } from "../db/client";
import { devOutbox } from "../db/schema";
import { newId } from "../lib/ids";
import { log } from "../lib/log";
import { decryptText, encryptText } from "./crypto";

export type Mail = { to: string; subject: string; url: string; text: string };

/** How sign-in mail leaves the system. Chosen by `EMAIL_DELIVERY`. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Development: keeps the mail in D1 (address encrypted) and prints the link, never the address. */
class DevOutboxMailer implements Mailer {
  constructor(private env: Env) {}
  async send(mail: Mail) {
    await db(this.env)
      .insert(devOutbox)
      .values({ id: newId("mail_"), toEnc: await encryptText(this.env.EMAIL_ENC_KEY, mail.to), subject: mail.subject, url: mail.url, sentAt: Date.now() });
    log("dev_outbox", { subject: mail.subject, url: mail.url });
  }
}

/** Production: posts to a transactional email HTTP API (`EMAIL_API_URL`, bearer `EMAIL_API_TOKEN`). */
class HttpApiMailer implements Mailer {
  constructor(private env: Env & { EMAIL_API_URL?: string; EMAIL_API_TOKEN?: string }) {}
  async send(mail: Mail) {
    if (!this.env.EMAIL_API_URL) throw new Error("EMAIL_API_URL is not configured");
    const res = await fetch(this.env.EMAIL_API_URL, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.env.EMAIL_API_TOKEN ?? ""}` },
      body: JSON.stringify({ from: this.env.EMAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text }),
    });
    if (!res.ok) throw new Error(`email API answered ${res.status}`);
  }
}

export function mailerFor(env: Env): Mailer {
  return env.EMAIL_DELIVERY === "http" ? new HttpApiMailer(env) : new DevOutboxMailer(env);
}

/** The dev outbox, newest first, addresses decrypted for the developer reading it. */
export async function readDevOutbox(env: Env, limit = 50) {
  const rows = await db(env).select().from(devOutbox).orderBy(desc(devOutbox.sentAt)).limit(limit);
  return Promise.all(
    rows.map(async (r) => ({ to: await decryptText(env.EMAIL_ENC_KEY, r.toEnc), subject: r.subject, url: r.url, sentAt: new Date(r.sentAt).toISOString() })),
  );
}
