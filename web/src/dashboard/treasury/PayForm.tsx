import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { formatDay, todayIn } from "../format";
import { useFormErrors } from "../FormErrors";
import { AccountOptions, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { treasuryApi } from "./api";
import {
  checkPayDraft,
  PAY_FIELDS,
  PAY_PLACEMENT,
  type PayDraft,
  type PayField,
  payableFrom,
  REFERENCE_MAX,
} from "./pay-form";
import { Field } from "../Field";

/** What a mistake caught before sending says, per field. */
const LOCAL_SENTENCE = {
  date: "tr.pay.err.date",
  fromAccountId: "tr.pay.err.from",
  reference: "tr.pay.err.reference",
} as const;

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
  const errors = useFormErrors(PAY_PLACEMENT);
  const [busy, setBusy] = useState(false);
  const fromAccountId = draft.fromAccountId || accounts.data?.[0]?.id || "";
  const from = accounts.data?.find((a) => a.id === fromAccountId);
  useEffect(() => document.getElementById(`${id}-date`)?.focus(), [id]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const sent = { ...draft, fromAccountId, reference: draft.reference.trim() };
    const found = checkPayDraft(sent);
    const fields = Object.fromEntries(PAY_FIELDS.filter((f) => found[f]).map((f) => [f, t(LOCAL_SENTENCE[f])]));
    errors.show({ fields });
    if (Object.keys(fields).length > 0) return;
    setBusy(true);
    try {
      await onPay(sent);
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (field: PayField, value: string) => setDraft((d) => ({ ...d, [field]: value }));
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
      {errors.top}
      <ResourceStatus resource={accounts} />
      {accounts.data?.length === 0 && <p className="dash-error">{t("tr.pay.noAssets")}</p>}
      <div className="dash-row">
        <Field errors={errors} name="date" id={`${id}-date`} label={t("tr.pay.date")}>
          {(control) => (
            <input {...control} type="date" required value={draft.date} onChange={(e) => set("date", e.target.value)} />
          )}
        </Field>
        <Field errors={errors} name="fromAccountId" label={t("tr.pay.from")}>
          {(control) => (
            <select {...control} value={fromAccountId} onChange={(e) => set("fromAccountId", e.target.value)}>
              <AccountOptions accounts={accounts.data ?? []} />
            </select>
          )}
        </Field>
        <Field errors={errors} name="reference" label={t("tr.pay.reference")}>
          {(control) => (
            <input
              {...control}
              value={draft.reference}
              maxLength={REFERENCE_MAX}
              onChange={(e) => set("reference", e.target.value)}
            />
          )}
        </Field>
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
