import { useCallback, useRef, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { dashApi, ensureOk } from "../client";
import { canWriteBooks, type GroupChoice } from "../group";
import { newIdempotencyKey } from "../http";
import { useSession } from "../session";
import { ErrorNote, OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { type Expense, type ExpenseStatus, moneyWrites, treasuryApi } from "./api";
import { DecisionNote } from "./DecisionNote";
import type { PayDraft } from "./pay-form";
import { PayForm } from "./PayForm";
import { RejectForm } from "./RejectForm";
import { useMoney } from "./useMoney";

const STATUSES: ExpenseStatus[] = ["claimed", "approved", "paid", "rejected"];

/**
 * Downloads a receipt: a short-lived token from POST /link, presented in a header (never in a URL,
 * which would land in traces and history), then the bytes are saved under the file's own name.
 */
async function openReceipt(attachmentId: string) {
  const res = await ensureOk(await dashApi.attachments[":id"].link.$post({ param: { id: attachmentId } }));
  const { url, header, token } = await res.json();
  const file = await ensureOk(await fetch(url, { headers: { [header]: token } }));
  const name = /filename="([^"]+)"/.exec(file.headers.get("Content-Disposition") ?? "")?.[1] ?? "receipt";
  const href = URL.createObjectURL(await file.blob());
  const a = Object.assign(document.createElement("a"), { href, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** One claim. Treasurers and admins decide on it (never their own); only a treasurer (`canPay`) pays it. */
function ExpenseRow({
  e,
  group,
  canPay,
  money,
  onChanged,
}: {
  e: Expense;
  group: GroupChoice;
  canPay: boolean;
  money: (c: number) => string;
  onChanged: (message: string) => void;
}) {
  const groupId = group.id;
  const t = treasuryText.useT();
  const [error, setError] = useState<Error | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [paying, setPaying] = useState(false);
  // One key per payment: a double click or a retry after a dropped answer pays once. A fresh key once it
  // succeeded, since reversing that payment makes the expense payable again and the old key would only replay.
  const [payKey, setPayKey] = useState(newIdempotencyKey);
  const summary = useRef<HTMLParagraphElement>(null);
  const rejectButton = useRef<HTMLButtonElement>(null);
  const payButton = useRef<HTMLButtonElement>(null);
  /** Runs an action; on success the page says what happened and focus moves to the card (its button is gone). */
  const run = async (action: () => Promise<unknown>, done?: string) => {
    setError(null);
    try {
      await action();
      if (done) {
        setRejecting(false);
        onChanged(done);
        summary.current?.focus();
      }
    } catch (err) {
      setError(err as Error);
    }
  };
  /** Errors go back to the form, which shows them beside their field. */
  const pay = async (draft: PayDraft) => {
    await moneyWrites.pay(
      groupId,
      e.id,
      { date: draft.date, fromAccountId: draft.fromAccountId, reference: draft.reference || undefined },
      payKey,
    );
    setPayKey(newIdempotencyKey());
    setPaying(false);
    onChanged(t("tr.exp.paid", { payee: e.payee }));
    summary.current?.focus();
  };
  /** Errors go back to the form, which shows them beside the note. */
  const reject = async (note: string) => {
    await treasuryApi.decide(groupId, e.id, "reject", note || undefined);
    setRejecting(false);
    onChanged(t("tr.exp.rejected", { payee: e.payee }));
    summary.current?.focus();
  };
  const cancelPay = () => {
    setPaying(false);
    requestAnimationFrame(() => payButton.current?.focus());
  };
  const cancelReject = () => {
    setRejecting(false);
    requestAnimationFrame(() => rejectButton.current?.focus());
  };
  const session = useSession();
  // Separation of duties: nobody decides on their own claim (the API refuses it too).
  const own = session.status === "signedIn" && e.claimantId === session.me.user.id;
  const label = `${e.payee}, ${money(e.amountCents)}`;
  return (
    <li className="dash-card">
      <p ref={summary} tabIndex={-1}>
        <strong>{e.payee}</strong> · {money(e.amountCents)} · {t(`tr.exp.status.${e.status}`)}
      </p>
      <p>{e.description}</p>
      <DecisionNote status={e.status} note={e.decisionNote} />
      <p>
        {e.attachmentId ? (
          <button type="button" className="link" onClick={() => void run(() => openReceipt(e.attachmentId ?? ""))}>
            {t("tr.exp.viewReceipt")}
          </button>
        ) : (
          e.noReceiptReason && t("tr.exp.noReceipt", { reason: e.noReceiptReason })
        )}
      </p>
      <div className="dash-actions">
        {e.status === "claimed" && own && <p className="dash-muted">{t("tr.exp.own")}</p>}
        {e.status === "claimed" && !own && !rejecting && (
          <>
            <button
              type="button"
              className="primary"
              aria-label={`${t("tr.exp.approve")}: ${label}`}
              onClick={() =>
                void run(() => treasuryApi.decide(groupId, e.id, "approve"), t("tr.exp.approved", { payee: e.payee }))
              }
            >
              {t("tr.exp.approve")}
            </button>
            <button
              ref={rejectButton}
              type="button"
              className="danger"
              aria-label={`${t("tr.exp.reject")}: ${label}`}
              onClick={() => setRejecting(true)}
            >
              {t("tr.exp.reject")}
            </button>
          </>
        )}
        {e.status === "approved" && !canPay && <p className="dash-muted">{t("tr.exp.payByTreasurer")}</p>}
        {e.status === "approved" && canPay && !paying && (
          <button
            ref={payButton}
            type="button"
            className="primary"
            aria-label={`${t("tr.exp.pay")}: ${label}`}
            onClick={() => setPaying(true)}
          >
            {t("tr.exp.pay")}
          </button>
        )}
      </div>
      {rejecting && e.status === "claimed" && <RejectForm label={label} onReject={reject} onCancel={cancelReject} />}
      {paying && e.status === "approved" && (
        <PayForm
          groupId={groupId}
          timezone={group.timezone}
          payee={e.payee}
          amount={money(e.amountCents)}
          onPay={pay}
          onCancel={cancelPay}
        />
      )}
      {error && <ErrorNote error={error} />}
    </li>
  );
}

/** Expense claims: approve, or reject with a reason for the claimant (never your own), then pay with an Idempotency-Key (treasurers only). */
export function ExpensesPage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const money = useMoney(group.id);
  const load = useCallback(() => treasuryApi.expenses(group.id), [group.id]);
  const list = useAsync(load);
  const [filter, setFilter] = useState<ExpenseStatus | "all">("all");
  const shown = (list.data ?? []).filter((e) => filter === "all" || e.status === filter);
  const [notice, setNotice] = useState<string | null>(null);
  const canPay = canWriteBooks(group);
  const changed = (message: string) => {
    setNotice(message);
    list.reload();
  };
  return (
    <section aria-labelledby="expenses-title">
      <h1 id="expenses-title">{t("tr.exp.title")}</h1>
      <label className="dash-field dash-narrow">
        <span>{t("tr.exp.filter")}</span>
        <select value={filter} onChange={(e) => setFilter(e.target.value as ExpenseStatus | "all")}>
          <option value="all">{t("tr.exp.all")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tr.exp.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <OkNotice text={notice} />
      <ResourceStatus resource={list} />
      {list.data && shown.length === 0 && <p>{t("tr.exp.empty")}</p>}
      <ul className="dash-list">
        {shown.map((e) => (
          <ExpenseRow key={e.id} e={e} group={group} canPay={canPay} money={money} onChanged={changed} />
        ))}
      </ul>
    </section>
  );
}
