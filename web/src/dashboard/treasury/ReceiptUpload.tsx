import { useId, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { errorSentence } from "../form-errors";
import { useFormErrors } from "../FormErrors";
import { uploadReceipt } from "./upload";

type State = { kind: "idle" } | { kind: "uploading"; fraction: number } | { kind: "done"; name: string };

/** Picks a receipt and uploads it at once, with a progress bar; reports the confirmed attachment id. */
export function ReceiptUpload({
  groupId,
  onUploaded,
}: {
  groupId: string;
  onUploaded: (attachmentId: string | null) => void;
}) {
  const t = treasuryText.useT();
  const id = useId();
  const [state, setState] = useState<State>({ kind: "idle" });
  const errors = useFormErrors({ fields: ["file"] as const });
  const pick = async (file: File | undefined) => {
    onUploaded(null);
    errors.clear();
    if (!file) return setState({ kind: "idle" });
    setState({ kind: "uploading", fraction: 0 });
    try {
      const attachmentId = await uploadReceipt(groupId, file, (fraction) => setState({ kind: "uploading", fraction }));
      setState({ kind: "done", name: file.name });
      onUploaded(attachmentId);
    } catch (err) {
      // Whatever refused the upload, it is about the file: its sentence sits beside the picker.
      setState({ kind: "idle" });
      errors.show({ fields: { file: errorSentence(err, errors.say) } });
    }
  };
  return (
    <div className="dash-field">
      <label htmlFor={`${id}-file`}>{t("tr.claim.receipt")}</label>
      <input
        id={`${id}-file`}
        type="file"
        accept="application/pdf,image/jpeg,image/png,image/heic,image/webp,.heic"
        onChange={(e) => void pick(e.target.files?.[0])}
        {...errors.field("file")}
      />
      {errors.message("file")}
      <div className="dash-upload" aria-live="polite">
        {state.kind === "uploading" && (
          <label>
            {t("tr.upload.progress")} <progress max={100} value={Math.round(state.fraction * 100)} />{" "}
            {Math.round(state.fraction * 100)}%
          </label>
        )}
        {state.kind === "done" && <p className="dash-ok">{t("tr.upload.done", { name: state.name })}</p>}
      </div>
    </div>
  );
}
