/** One mail. `replyTo`, when set, is a single address the schema already checked (no line breaks). */
export type Mail = { to: string; subject: string; url: string; text: string; replyTo?: string };

/** How sign-in mail leaves the system. Chosen by `EMAIL_DELIVERY`. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Production: posts to a transactional email HTTP API (`EMAIL_API_URL`, bearer `EMAIL_API_TOKEN`). */
class HttpApiMailer implements Mailer {
  constructor(private env: Env & { EMAIL_API_URL?: string; EMAIL_API_TOKEN?: string }) {}
  async send(mail: Mail) {
    if (!this.env.EMAIL_API_URL) throw new Error("EMAIL_API_URL is not configured");
    const res = await fetch(this.env.EMAIL_API_URL, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.env.EMAIL_API_TOKEN ?? ""}` },
      body: JSON.stringify({
        from: this.env.EMAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.replyTo ? { reply_to: mail.replyTo } : {}),
      }),
    });
    if (!res.ok) throw new Error(`email API answered ${res.status}`);
  }
}

/**
 * The mailer modes this build knows. Production knows only "http"; the development entry
 * (worker/dev/index.ts) adds "dev-outbox", so a deploy configured for the outbox fails loudly.
 */
const MAILERS = new Map<string, (env: Env) => Mailer>([["http", (env) => new HttpApiMailer(env)]]);

/** Registers a mailer mode (development entry only). */
export function addMailer(mode: string, make: (env: Env) => Mailer): void {
  MAILERS.set(mode, make);
}

/** Why `EMAIL_DELIVERY` cannot be used by this build, or null when it can. */
export function mailerConfigProblem(env: Env): string | null {
  if (MAILERS.has(env.EMAIL_DELIVERY)) return null;
  return `EMAIL_DELIVERY "${env.EMAIL_DELIVERY}" is not a mail mode of this build (known: ${[...MAILERS.keys()].join(", ")})`;
}

/** The configured mailer; throws on an unknown mode (never a silent fallback). */
export function mailerFor(env: Env): Mailer {
  const make = MAILERS.get(env.EMAIL_DELIVERY);
  if (!make) throw new Error(mailerConfigProblem(env) ?? "no mailer");
  return make(env);
}
