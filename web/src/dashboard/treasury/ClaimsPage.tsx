import { type FormEvent, useCallback, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { parseMoneyToCents } from "../format";
import type { GroupChoice } from "../group";
import { AccountOptions, ErrorNote, OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { claimExpense, treasuryApi } from "./api";
import { MyClaims } from "./MyClaims";
import { ReceiptUpload } from "./ReceiptUpload";

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
  const [error, setError] = useState<Error | null>(null);
  const cents = parseMoneyToCents(amount);
  const chosenAccount = accountId || accounts.data?.[0]?.id || "";
  const hasReceipt = attachmentId !== null || noReceiptReason.trim().length >= 3;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSent(false);
    if (cents === null) return setError(new Error(t("tr.contrib.badAmount")));
    if (!hasReceipt) return setError(new Error(t("tr.claim.needReceipt")));
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
      setError(err as Error);
    }
  };

  return (
    <section aria-labelledby="claim-title">
      <h1 id="claim-title">{t("tr.claim.title")}</h1>
      <p>{t("tr.claim.intro")}</p>
      <ResourceStatus resource={accounts} />
      {accounts.data && (
        <form className="dash-form dash-panel" onSubmit={submit}>
          <label className="dash-field">
            <span>{t("tr.claim.payee")}</span>
            <input required maxLength={120} value={payee} onChange={(e) => setPayee(e.target.value)} />
          </label>
          <div className="dash-row">
            <label className="dash-field">
              <span>{t("tr.claim.amount")}</span>
              <input required inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </label>
            <label className="dash-field">
              <span>{t("tr.claim.category")}</span>
              <select value={chosenAccount} onChange={(e) => setAccountId(e.target.value)}>
                <AccountOptions accounts={accounts.data} />
              </select>
            </label>
          </div>
          <label className="dash-field">
            <span>{t("tr.claim.description")}</span>
            <input required maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <ReceiptUpload key={uploadKey} groupId={group.id} onUploaded={setAttachmentId} />
          {attachmentId === null && (
            <label className="dash-field">
              <span>{t("tr.claim.noReceipt")}</span>
              <input maxLength={300} value={noReceiptReason} onChange={(e) => setNoReceiptReason(e.target.value)} />
            </label>
          )}
          <button type="submit" className="primary">
            {t("tr.claim.submit")}
          </button>
          <OkNotice text={sent && t("tr.claim.sent")} />
          {error && <ErrorNote error={error} />}
        </form>
      )}
      <MyClaims claims={mine} groupId={group.id} timezone={group.timezone} />
    </section>
  );
}
