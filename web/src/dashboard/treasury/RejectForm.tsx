import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { DECISION_NOTE_MAX } from "#shared/treasury-rules";

/** The API's limit for a decision note (the same constant the API's decideBody reads). */
export const NOTE_MAX = DECISION_NOTE_MAX;

/** Rejecting a claim: an optional reason for the claimant, then a confirming button. Escape or Cancel backs out. */
export function RejectForm({
  label,
  onReject,
  onCancel,
}: {
  label: string;
  onReject: (note: string) => Promise<void>;
  onCancel: () => void;
}) {
  const t = treasuryText.useT();
  const id = useId();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onReject(note.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="dash-form dash-confirm" onSubmit={submit}>
      <div className="dash-field">
        <label htmlFor={`${id}-note`}>{t("tr.exp.rejectNote")}</label>
        <textarea
          ref={field}
          id={`${id}-note`}
          rows={2}
          maxLength={NOTE_MAX}
          value={note}
          aria-describedby={`${id}-count`}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => e.key === "Escape" && onCancel()}
        />
        <p id={`${id}-count`} className="dash-muted dash-field-message">
          {t("tr.exp.noteCount", { count: note.length })}
        </p>
      </div>
      <div className="dash-actions">
        <button type="submit" className="danger" disabled={busy} aria-label={`${t("tr.exp.rejectConfirm")}: ${label}`}>
          {t("tr.exp.rejectConfirm")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("tr.exp.cancel")}
        </button>
      </div>
    </form>
  );
}
