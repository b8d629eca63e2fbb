import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { formatDay, todayIn } from "../format";
import { HttpError } from "../http";
import { AccountOptions, ErrorNote, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { treasuryApi } from "./api";
import {
  checkPayDraft,
  firstPayError,
  type PayDraft,
  type PayErrors,
  type PayField,
  payableFrom,
  payErrorsFromApi,
  REFERENCE_MAX,
} from "./pay-form";

/**
 * Paying an approved claim: the date (today in the group's zone), the asset account the money left
 * from, an optional reference (cheque number), a sentence saying exactly what will be recorded, and
 * a confirming button. Mistakes show beside their field and take the focus; Escape or Cancel backs out.
 */
export function PayForm({
  groupId,
  timezone,
  payee,
  amount,
  onPay,
  onCancel,
}: {
  groupId: string;
  timezone: string;
  payee: string;
  amount: string;
  onPay: (draft: PayDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const t = treasuryText.useT();
  const id = useId();
  const loadAccounts = useCallback(() => treasuryApi.accounts(groupId).then(payableFrom), [groupId]);
  const accounts = useAsync(loadAccounts);
  const [draft, setDraft] = useState<PayDraft>(() => ({ date: todayIn(timezone), fromAccountId: "", reference: "" }));
  const [errors, setErrors] = useState<PayErrors>({});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    date: useRef<HTMLInputElement>(null),
    fromAccountId: useRef<HTMLSelectElement>(null),
    reference: useRef<HTMLInputElement>(null),
  };
  const fromAccountId = draft.fromAccountId || accounts.data?.[0]?.id || "";
  const from = accounts.data?.find((a) => a.id === fromAccountId);
  useEffect(() => refs.date.current?.focus(), [refs.date]);
  const showErrors = (found: PayErrors) => {
    setErrors(found);
    const first = firstPayError(found);
    if (first) refs[first].current?.focus();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const sent = { ...draft, fromAccountId, reference: draft.reference.trim() };
    const found = checkPayDraft(sent);
    showErrors(found);
    if (firstPayError(found)) return;
    setBusy(true);
    try {
      await onPay(sent);
    } catch (err) {
      const fields = err instanceof HttpError ? payErrorsFromApi(err) : {};
      if (firstPayError(fields)) showErrors(fields);
      else setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const set = (field: PayField, value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const invalid = (field: PayField) => (errors[field] ? true : undefined);
  const describedBy = (field: PayField) => (errors[field] ? `${id}-${field}-error` : undefined);
  const message = (field: PayField, key: "tr.pay.err.date" | "tr.pay.err.from" | "tr.pay.err.reference") =>
    errors[field] && (
      <p id={`${id}-${field}-error`} className="dash-error dash-field-message">
        {t(key)}
      </p>
    );
  return (
    <form
      className="dash-form dash-confirm"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
    >
      <h2 id={`${id}-title`} className="dash-form-title">
        {t("tr.pay.title", { payee, amount })}
      </h2>
      <ResourceStatus resource={accounts} />
      {accounts.data?.length === 0 && <p className="dash-error">{t("tr.pay.noAssets")}</p>}
      <div className="dash-row">
        <div className="dash-field">
          <label htmlFor={`${id}-date`}>{t("tr.pay.date")}</label>
          <input
            ref={refs.date}
            id={`${id}-date`}
            type="date"
            required
            value={draft.date}
            aria-invalid={invalid("date")}
            aria-describedby={describedBy("date")}
            onChange={(e) => set("date", e.target.value)}
          />
          {message("date", "tr.pay.err.date")}
        </div>
        <div className="dash-field">
          <label htmlFor={`${id}-from`}>{t("tr.pay.from")}</label>
          <select
            ref={refs.fromAccountId}
            id={`${id}-from`}
            value={fromAccountId}
            aria-invalid={invalid("fromAccountId")}
            aria-describedby={describedBy("fromAccountId")}
            onChange={(e) => set("fromAccountId", e.target.value)}
          >
            <AccountOptions accounts={accounts.data ?? []} />
          </select>
          {message("fromAccountId", "tr.pay.err.from")}
        </div>
        <div className="dash-field">
          <label htmlFor={`${id}-reference`}>{t("tr.pay.reference")}</label>
          <input
            ref={refs.reference}
            id={`${id}-reference`}
            value={draft.reference}
            maxLength={REFERENCE_MAX}
            aria-invalid={invalid("reference")}
            aria-describedby={describedBy("reference")}
            onChange={(e) => set("reference", e.target.value)}
          />
          {message("reference", "tr.pay.err.reference")}
        </div>
      </div>
      {from && draft.date && (
        <p>
          {t("tr.pay.summary", {
            amount,
            payee,
            account: `${from.code} ${from.name}`,
            date: /^\d{4}-\d{2}-\d{2}$/.test(draft.date) ? formatDay(draft.date, t.locale) : draft.date,
          })}
        </p>
      )}
      {error && <ErrorNote error={error} />}
      <div className="dash-actions">
        <button
          type="submit"
          className="primary"
          disabled={busy || !from}
          aria-label={`${t("tr.pay.confirm")}: ${payee}, ${amount}`}
        >
          {t("tr.pay.confirm")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("tr.exp.cancel")}
        </button>
      </div>
    </form>
  );
}
