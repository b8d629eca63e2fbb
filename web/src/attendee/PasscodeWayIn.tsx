import { useState } from "react";
import { attendee } from "../i18n/attendee";
import { ApiFailure, askForPasscode, type MeetingPublic } from "./attendee-api";

/** How a newcomer gets this meeting's passcode, as its secretary chose: shown, after admission, or ask. */
export function PasscodeWayIn({ meeting }: { meeting: MeetingPublic }) {
  const t = attendee.useT();
  if (!meeting.hasPasscode) return null;
  return (
    <section aria-labelledby="passcode-title" className="passcode-way-in">
      <h2 id="passcode-title">{t("passcode.title")}</h2>
      {meeting.passcodeAccess === "shown" && "passcode" in meeting && meeting.passcode ? (
        <p>
          {t("passcode.shown")} <strong className="passcode-value">{meeting.passcode}</strong>
        </p>
      ) : meeting.passcodeAccess === "after_admit" ? (
        <p>{t("passcode.afterAdmit")}</p>
      ) : (
        <AskForm meetingId={meeting.id} />
      )}
    </section>
  );
}

function AskForm({ meetingId }: { meetingId: string }) {
  const t = attendee.useT();
  const [message, setMessage] = useState("");
  const [replyTo, setReplyTo] = useState("");
  const [state, setState] = useState<"idle" | "sending" | "sent" | "tooMany" | "invalid" | "failed">("idle");
  if (state === "sent") return <p role="status">{t("passcode.ask.sent")}</p>;
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!message.trim() || state === "sending") return;
    setState("sending");
    try {
      await askForPasscode(meetingId, message, replyTo);
      setState("sent");
    } catch (err) {
      setState(
        err instanceof ApiFailure && err.status === 429
          ? "tooMany"
          : err instanceof ApiFailure && err.status === 400
            ? "invalid"
            : "failed",
      );
    }
  }
  return (
    <form className="ask-form" onSubmit={submit} noValidate>
      <p>{t("passcode.ask.lede")}</p>
      <label className="field">
        <span>{t("passcode.ask.message")}</span>
        <textarea value={message} onChange={(e) => setMessage(e.target.value)} maxLength={1000} rows={3} required />
      </label>
      <label className="field">
        <span>{t("passcode.ask.replyTo")}</span>
        <input
          type="email"
          value={replyTo}
          onChange={(e) => setReplyTo(e.target.value)}
          autoComplete="email"
          aria-describedby="ask-reply-hint"
        />
      </label>
      <p id="ask-reply-hint" className="hint">
        {t("passcode.ask.replyHint")}
      </p>
      {state === "tooMany" || state === "invalid" || state === "failed" ? (
        <p role="alert" className="field-error">
          {t(`passcode.ask.${state}`)}
        </p>
      ) : null}
      <button type="submit" disabled={state === "sending" || !message.trim()}>
        {t("passcode.ask.send")}
      </button>
    </form>
  );
}
