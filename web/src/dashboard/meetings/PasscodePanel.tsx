import { useCallback, useState } from "react";
import { dashboard } from "../../i18n/dashboard";
import { useFormErrors } from "../FormErrors";
import { getJson } from "../http";
import { useAsync } from "../useAsync";
import { patchMeeting } from "./api";

/** Every refusal here names no field the panel shows: it goes to the top. */
const PASSCODE_PLACEMENT = { fields: [] as const };

/** A freshly issued passcode: shown once, never stored in the browser. */
export function NewPasscode({ code }: { code: string }) {
  const t = dashboard.useT();
  return (
    <div className="dash-passcode">
      <p>
        <strong>{t("meetings.passcode.new", { code })}</strong>
      </p>
      <p>{t("meetings.passcode.tell")}</p>
    </div>
  );
}

/**
 * The meeting's current passcode (read from its sealed copy; the API checks joins against the hash),
 * a new one only after a confirmation, or none. A passcode set before it was kept sealed cannot be
 * shown: the panel says to set a new one.
 */
export function PasscodePanel({
  meetingId,
  hasPasscode,
  weak,
  onChanged,
}: {
  meetingId: string;
  hasPasscode: boolean;
  weak: boolean;
  onChanged: () => void;
}) {
  const t = dashboard.useT();
  const [issued, setIssued] = useState<string | null>(null);
  const errors = useFormErrors(PASSCODE_PLACEMENT);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const load = useCallback(
    () => getJson<{ passcode: string | null }>(`/api/meetings/${encodeURIComponent(meetingId)}/passcode`),
    [meetingId],
  );
  const current = useAsync(hasPasscode ? load : null);
  const change = async (body: { rotatePasscode: true } | { passcode: null }) => {
    setBusy(true);
    errors.clear();
    setConfirming(false);
    try {
      const res = await patchMeeting(meetingId, body);
      setIssued(res.passcode ?? null);
      current.reload();
      onChanged();
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  };
  const shown = current.data?.passcode ?? null;
  return (
    <section className="dash-panel" aria-labelledby="passcode-title">
      <h2 id="passcode-title">{t("meetings.passcode.title")}</h2>
      <p>{hasPasscode ? t("meetings.passcode.has") : t("meetings.passcode.none")}</p>
      {hasPasscode && shown && !issued && (
        <p>
          {t("meetings.passcode.current")} <strong className="dash-passcode-value">{shown}</strong>
        </p>
      )}
      {hasPasscode && current.data && shown === null && <p>{t("meetings.passcode.notKept")}</p>}
      {hasPasscode && weak && <p className="dash-warning">{t("meetings.passcode.weak")}</p>}
      {confirming ? (
        <div className="dash-confirm">
          <p>{t("meetings.passcode.confirm")}</p>
          <div className="dash-actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void change({ rotatePasscode: true })}
            >
              {t("meetings.passcode.confirmYes")}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t("meetings.passcode.confirmNo")}
            </button>
          </div>
        </div>
      ) : (
        <div className="dash-actions">
          <button
            type="button"
            disabled={busy}
            onClick={() => (hasPasscode ? setConfirming(true) : void change({ rotatePasscode: true }))}
          >
            {t("meetings.passcode.rotate")}
          </button>
          {hasPasscode && (
            <button type="button" className="danger" disabled={busy} onClick={() => void change({ passcode: null })}>
              {t("meetings.passcode.remove")}
            </button>
          )}
        </div>
      )}
      <div aria-live="polite" className="dash-live">
        {issued && <NewPasscode code={issued} />}
      </div>
      {errors.top}
    </section>
  );
}
