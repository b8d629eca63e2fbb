import { type FormEvent, useCallback, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { parseMoneyToCents } from "../format";
import type { GroupChoice } from "../group";
import { useFormErrors } from "../FormErrors";
import { AccountOptions, OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { claimExpense, treasuryApi } from "./api";
import { MyClaims } from "./MyClaims";
import { ReceiptUpload } from "./ReceiptUpload";
import { Field } from "../Field";

/**
 * Where a refused claim goes: each `json.…` field beside its control, a missing receipt beside the
 * no-receipt reason; a refused receipt (`json.attachmentId`, object checks) at the top.
 */
const CLAIM_PLACEMENT = {
  fields: ["payee", "amountCents", "accountId", "description", "noReceiptReason"] as const,
  codeFields: { receipt_required: "noReceiptReason", account_unavailable: "accountId" } as const,
};

/** Any service member claims an expense with its receipt; a treasurer or admin decides, and the claimant sees the outcome and its reason. */
export function ClaimsPage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const loadAccounts = useCallback(() => treasuryApi.categories(group.id), [group.id]);
  const accounts = useAsync(loadAccounts);
  const loadMine = useCallback(() => treasuryApi.myClaims(group.id), [group.id]);
  const mine = useAsync(loadMine);
  const [payee, setPayee] = useState("");
  const [amount, setAmount] = useState("");
  const [accountId, setAccountId] = useState("");
  const [description, setDescription] = useState("");
  const [attachmentId, setAttachmentId] = useState<string | null>(null);
  const [noReceiptReason, setNoReceiptReason] = useState("");
  const [uploadKey, setUploadKey] = useState(0);
  const [sent, setSent] = useState(false);
  const errors = useFormErrors(CLAIM_PLACEMENT);
  const cents = parseMoneyToCents(amount);
  const chosenAccount = accountId || accounts.data?.[0]?.id || "";
  const hasReceipt = attachmentId !== null || noReceiptReason.trim().length >= 3;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    if (cents === null || !hasReceipt)
      return errors.show({
        fields: {
          ...(cents === null ? { amountCents: t("tr.contrib.badAmount") } : {}),
          ...(hasReceipt ? {} : { noReceiptReason: t("tr.claim.needReceipt") }),
        },
      });
    errors.clear();
    try {
      await claimExpense(group.id, {
        payee: payee.trim(),
        amountCents: cents,
        accountId: chosenAccount,
        description: description.trim(),
        ...(attachmentId ? { attachmentId } : { noReceiptReason: noReceiptReason.trim() }),
      });
      setSent(true);
      setPayee("");
      setAmount("");
      setDescription("");
      setAttachmentId(null);
      setNoReceiptReason("");
      setUploadKey((k) => k + 1);
      mine.reload();
    } catch (err) {
      errors.fromApi(err);
    }
  };

  return (
    <section aria-labelledby="claim-title">
      <h1 id="claim-title">{t("tr.claim.title")}</h1>
      <p>{t("tr.claim.intro")}</p>
      <ResourceStatus resource={accounts} />
      {accounts.data && (
        <form className="dash-form dash-panel" onSubmit={submit}>
          {errors.top}
          <Field errors={errors} name="payee" label={t("tr.claim.payee")}>
            {(control) => (
              <input {...control} required maxLength={120} value={payee} onChange={(e) => setPayee(e.target.value)} />
            )}
          </Field>
          <div className="dash-row">
            <Field errors={errors} name="amountCents" label={t("tr.claim.amount")}>
              {(control) => (
                <input
                  {...control}
                  required
                  inputMode="decimal"
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                />
              )}
            </Field>
            <Field errors={errors} name="accountId" label={t("tr.claim.category")}>
              {(control) => (
                <select {...control} value={chosenAccount} onChange={(e) => setAccountId(e.target.value)}>
                  <AccountOptions accounts={accounts.data ?? []} />
                </select>
              )}
            </Field>
          </div>
          <Field errors={errors} name="description" label={t("tr.claim.description")}>
            {(control) => (
              <input
                {...control}
                required
                maxLength={500}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            )}
          </Field>
          <ReceiptUpload key={uploadKey} groupId={group.id} onUploaded={setAttachmentId} />
          {attachmentId === null && (
            <Field errors={errors} name="noReceiptReason" label={t("tr.claim.noReceipt")}>
              {(control) => (
                <input
                  {...control}
                  maxLength={300}
                  value={noReceiptReason}
                  onChange={(e) => setNoReceiptReason(e.target.value)}
                />
              )}
            </Field>
          )}
          <button type="submit" className="primary">
            {t("tr.claim.submit")}
          </button>
          <OkNotice text={sent && t("tr.claim.sent")} />
        </form>
      )}
      <MyClaims claims={mine} groupId={group.id} timezone={group.timezone} />
    </section>
  );
}
