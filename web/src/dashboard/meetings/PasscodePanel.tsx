import { useState } from "react";
import { dashboard } from "../../i18n/dashboard";
import { ErrorNote } from "../Status";
import { patchMeeting } from "./api";

/** A freshly issued passcode: shown once, never stored in the browser. */
export function NewPasscode({ code }: { code: string }) {
  const t = dashboard.useT();
  return (
    <div className="dash-passcode">
      <p>
        <strong>{t("meetings.passcode.new", { code })}</strong>
      </p>
      <p>{t("meetings.passcode.once")}</p>
    </div>
  );
}

/** Rotate or remove the meeting's passcode (the API keeps only a slow salted hash). */
export function PasscodePanel({ meetingId, hasPasscode, weak, onChanged }: { meetingId: string; hasPasscode: boolean; weak: boolean; onChanged: () => void }) {
  const t = dashboard.useT();
  const [issued, setIssued] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const change = async (body: { rotatePasscode: true } | { passcode: null }) => {
    setBusy(true);
    setError(null);
    try {
      const res = await patchMeeting(meetingId, body);
      setIssued(res.passcode ?? null);
      onChanged();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="dash-panel" aria-labelledby="passcode-title">
      <h2 id="passcode-title">{t("meetings.passcode.title")}</h2>
      <p>{hasPasscode ? t("meetings.passcode.has") : t("meetings.passcode.none")}</p>
      {hasPasscode && weak && <p className="dash-warning">{t("meetings.passcode.weak")}</p>}
      <div className="dash-actions">
        <button type="button" disabled={busy} onClick={() => void change({ rotatePasscode: true })}>
          {t("meetings.passcode.rotate")}
        </button>
        {hasPasscode && (
          <button type="button" className="danger" disabled={busy} onClick={() => void change({ passcode: null })}>
            {t("meetings.passcode.remove")}
          </button>
        )}
      </div>
      <div aria-live="polite" className="dash-live">
        {issued && <NewPasscode code={issued} />}
      </div>
      {error && <ErrorNote error={error} />}
    </section>
  );
}
