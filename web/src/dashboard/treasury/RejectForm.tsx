import { type FormEvent, useEffect, useId, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { DECISION_NOTE_MAX } from "#shared/treasury-rules";
import { useFormErrors } from "../FormErrors";
import { Field } from "../Field";

/** The API's limit for a decision note (the same constant the API's decideBody reads). */
export const NOTE_MAX = DECISION_NOTE_MAX;

/** Where a refused rejection goes: `json.note` beside the note, the rest (a claim decided meanwhile) at the top. */
const REJECT_PLACEMENT = { fields: ["note"] as const };

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
  const errors = useFormErrors(REJECT_PLACEMENT);
  useEffect(() => document.getElementById(`${id}-note`)?.focus(), [id]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      await onReject(note.trim());
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="dash-form dash-confirm" onSubmit={submit}>
      {errors.top}
      <Field
        errors={errors}
        name="note"
        id={`${id}-note`}
        label={t("tr.exp.rejectNote")}
        hint={t("tr.exp.noteCount", { count: note.length })}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={NOTE_MAX}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && onCancel()}
          />
        )}
      </Field>
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
