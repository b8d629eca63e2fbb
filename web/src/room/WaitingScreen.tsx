import { useLocation } from "wouter";
import { room as strings } from "../i18n/room";

type Props = { meetingName: string; message: string; slug: string; onLeave: () => void };

/** The waiting room: calm, with the host's greeting, and a way out. */
export function WaitingScreen({ meetingName, message, slug, onLeave }: Props) {
  const t = strings.useT();
  const [, navigate] = useLocation();
  return (
    <section className="waiting" aria-labelledby="waiting-title">
      <h1 id="waiting-title">{t("waiting.title")}</h1>
      <p className="waiting-meeting">{meetingName}</p>
      <p role="status" className="waiting-status">
        {t("waiting.status")}
      </p>
      <blockquote className="greeter" aria-label={t("waiting.fromHost")} aria-live="polite">
        <p>{message}</p>
      </blockquote>
      <p className="hint">{t("waiting.hint")}</p>
      <button
        type="button"
        onClick={() => {
          onLeave();
          navigate(`/m/${slug}`);
        }}
      >
        {t("room.leave")}
      </button>
    </section>
  );
}
