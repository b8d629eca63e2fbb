import { type FormEvent, useId, useRef, useState } from "react";
import { accountText } from "../../i18n/dashboard-account";
import { eraseAccount } from "../session";
import { useFormErrors } from "../FormErrors";

/** Erasing sends no field: a refusal (the group's last admin, signed out) is the sentence at the top of the confirmation. */
const ERASE_PLACEMENT = { fields: [] as const };

/**
 * A service member's data rights: download everything stored about them (GET /api/me/export) and
 * erase their account (DELETE /api/me) after reading what erasure keeps and confirming; erasing
 * signs them out.
 */
export function AccountPage() {
  const t = accountText.useT();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [checked, setChecked] = useState(false);
  const [unchecked, setUnchecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ERASE_PLACEMENT);
  const box = useRef<HTMLInputElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const open = () => {
    setConfirming(true);
    requestAnimationFrame(() => box.current?.focus());
  };
  const cancel = () => {
    setConfirming(false);
    setChecked(false);
    setUnchecked(false);
    requestAnimationFrame(() => start.current?.focus());
  };
  const erase = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    if (!checked) {
      setUnchecked(true);
      box.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await eraseAccount();
    } catch (err) {
      errors.fromApi(err);
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t("acct.title")}</h1>
      <p>{t("acct.intro")}</p>
      <section className="dash-panel" aria-labelledby={`${id}-download`}>
        <h2 id={`${id}-download`}>{t("acct.download.title")}</h2>
        <p>{t("acct.download.text")}</p>
        <a className="button" href="/api/me/export" download="meetinghouse-my-data.json">
          {t("acct.download")}
        </a>
      </section>
      <section className="dash-panel" aria-labelledby={`${id}-erase`}>
        <h2 id={`${id}-erase`}>{t("acct.erase.title")}</h2>
        <p>{t("acct.erase.what")}</p>
        <p>{t("acct.erase.keeps")}</p>
        {!confirming ? (
          <button ref={start} type="button" className="danger" onClick={open}>
            {t("acct.erase.start")}
          </button>
        ) : (
          <form
            className="dash-form dash-confirm"
            onSubmit={erase}
            noValidate
            onKeyDown={(e) => e.key === "Escape" && cancel()}
          >
            <label className="dash-check">
              <input
                ref={box}
                type="checkbox"
                checked={checked}
                aria-invalid={unchecked && !checked ? true : undefined}
                aria-describedby={unchecked && !checked ? `${id}-must` : undefined}
                onChange={(e) => setChecked(e.target.checked)}
              />
              {t("acct.erase.confirmLabel")}
            </label>
            {unchecked && !checked && (
              <p id={`${id}-must`} className="dash-error dash-field-message">
                {t("acct.erase.mustConfirm")}
              </p>
            )}
            {errors.top}
            <div className="dash-actions">
              <button type="submit" className="danger" disabled={busy}>
                {t("acct.erase.confirm")}
              </button>
              <button type="button" onClick={cancel}>
                {t("acct.erase.cancel")}
              </button>
            </div>
          </form>
        )}
      </section>
    </section>
  );
}
