import { useEffect, useRef, useState } from "react";
import { room as strings } from "../i18n/room";

type Props = { label: string; confirmText: string; confirmLabel: string; onConfirm: () => void; danger?: boolean };

/**
 * A two-step button for actions that cannot be undone (ban, suspend all, end): the first press
 * explains, the second acts. Inline rather than a modal, so focus never gets lost.
 */
export function ConfirmButton({ label, confirmText, confirmLabel, onConfirm, danger = true }: Props) {
  const t = strings.useT();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  // Focus follows the question, and comes back to the trigger when it is answered.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button ref={triggerRef} type="button" className={danger ? "danger" : undefined} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend>{confirmText}</legend>
      <button
        ref={confirmRef}
        type="button"
        className={danger ? "danger-solid" : "primary"}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t("host.cancel")}
      </button>
    </fieldset>
  );
}
