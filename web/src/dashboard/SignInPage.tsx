import { type FormEvent, useRef, useState } from "react";
import { dashboard } from "../i18n/dashboard";
import { useFormErrors } from "./FormErrors";
import { getJson, sendJson } from "./http";
import { loadSession } from "./session";
import { Field } from "./Field";

type OutboxEntry = { to: string; subject: string; url: string; sentAt: string };

/** A refused request names the email (or nothing: too many requests, mail down, at the top). */
const SIGNIN_PLACEMENT = { fields: ["email"] as const };

/** Email → magic link. In development, helpers open the link straight from the dev outbox. */
export function SignInPage({ linkRefused }: { linkRefused: boolean }) {
  const t = dashboard.useT();
  const errors = useFormErrors(SIGNIN_PLACEMENT);
  const [email, setEmail] = useState("");
  const [state, setState] = useState<"idle" | "sending" | "sent">("idle");
  const [error, setError] = useState<string | null>(linkRefused ? t("signin.linkRefused") : null);
  const sentSince = useRef(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState("sending");
    setError(null);
    errors.clear();
    sentSince.current = Date.now() - 5_000;
    try {
      await sendJson("/api/auth/magic-link", "POST", { email: email.trim() });
      setState("sent");
    } catch (err) {
      setState("idle");
      errors.fromApi(err);
    }
  };

  // Mail leaves after the answer (waitUntil), so look a few times for a link sent since the request.
  const openMyLink = async () => {
    setError(null);
    const wanted = email.trim().toLowerCase();
    for (let attempt = 0; attempt < 10; attempt++) {
      const entries = await getJson<OutboxEntry[]>("/api/dev/outbox").catch(() => []);
      const mine = entries.find((m) => m.to.toLowerCase() === wanted && Date.parse(m.sentAt) >= sentSince.current);
      // The link differs from this page only in its fragment (#token=…): no navigation happens, so sign in here.
      if (mine) {
        history.replaceState(history.state, "", mine.url);
        return void loadSession();
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    setError(t("signin.devNone"));
  };

  return (
    <section className="dash-signin" aria-labelledby="signin-title">
      <h1 id="signin-title">{t("signin.title")}</h1>
      <p>{t("signin.intro")}</p>
      <form onSubmit={submit} className="dash-form">
        {errors.top}
        <Field errors={errors} name="email" label={t("signin.email")}>
          {(control) => (
            <input
              {...control}
              type="email"
              name="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={state === "sending"}>
          {state === "sending" ? t("signin.sending") : t("signin.submit")}
        </button>
      </form>
      <div aria-live="polite" className="dash-live">
        {state === "sent" && <p className="dash-ok">{t("signin.sent")}</p>}
        {error && <p className="dash-error">{error}</p>}
      </div>
      {import.meta.env.DEV || location.hostname === "127.0.0.1" || location.hostname === "localhost" ? (
        <aside className="dash-dev" aria-labelledby="signin-dev">
          <h2 id="signin-dev">{t("signin.devTitle")}</h2>
          <p>
            <a href="/api/dev/outbox">{t("signin.devOutbox")}</a>
          </p>
          <button type="button" onClick={() => void openMyLink()} disabled={!email.includes("@")}>
            {t("signin.devOpen")}
          </button>
        </aside>
      ) : null}
    </section>
  );
}
