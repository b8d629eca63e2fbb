import type {} from "altcha/types/react";
import { useEffect, useRef, useState } from "react";
import { attendee } from "../i18n/attendee";
import { useLocale } from "../i18n/locale";
import { challengeUrl } from "./attendee-api";

/**
 * The proof-of-work check a room under passcode attack asks for (ALTCHA, self-hosted: the widget
 * fetches the challenge from our API and solves it in the browser; nothing goes to a third party).
 * The widget's code loads only when a room asks for it, so the join page stays small.
 */
export function ChallengeCheck({
  occurrenceId,
  onSolved,
}: {
  occurrenceId: string;
  onSolved: (payload: string | null) => void;
}) {
  const t = attendee.useT();
  const locale = useLocale();
  const [ready, setReady] = useState(false);
  const widget = useRef<HTMLElement>(null);
  useEffect(() => {
    let live = true;
    // The widget with its translations (Spanish among them), fetched only now.
    void import("altcha/i18n").then(() => {
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    const el = widget.current;
    if (!ready || !el) return;
    const changed = (e: Event) => {
      const { state, payload } = (e as CustomEvent<{ state: string; payload?: string }>).detail;
      onSolved(state === "verified" && payload ? payload : null);
    };
    el.addEventListener("statechange", changed);
    return () => el.removeEventListener("statechange", changed);
  }, [ready, onSolved]);
  if (!ready) return <p role="status">{t("join.challenge.loading")}</p>;
  return (
    <fieldset className="join-challenge">
      <legend>{t("join.challenge.label")}</legend>
      <altcha-widget
        ref={widget}
        challenge={challengeUrl(occurrenceId)}
        auto="onload"
        language={locale === "es" ? "es-419" : "en"}
        configuration={JSON.stringify({ hideFooter: true, minDuration: 0 })}
      />
    </fieldset>
  );
}
