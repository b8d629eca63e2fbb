import { useCallback, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { dashApi, ensureOk } from "../client";
import type { GroupChoice } from "../group";
import { newIdempotencyKey } from "../http";
import { useSession } from "../session";
import { ErrorNote, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { type Expense, type ExpenseStatus, moneyWrites, treasuryApi } from "./api";
import { useMoney } from "./useMoney";

const STATUSES: ExpenseStatus[] = ["claimed", "approved", "paid", "rejected"];

async function openReceipt(attachmentId: string) {
  const res = await ensureOk(await dashApi.attachments[":id"].link.$get({ param: { id: attachmentId } }));
  const { url } = await res.json();
  window.open(url, "_blank", "noopener");
}

function ExpenseRow({ e, groupId, money, onChanged }: { e: Expense; groupId: string; money: (c: number) => string; onChanged: () => void }) {
  const t = treasuryText.useT();
  const [error, setError] = useState<Error | null>(null);
  // One key per payment: a double click or a retry after a dropped answer pays once. A fresh key once it
  // succeeded, since reversing that payment makes the expense payable again and the old key would only replay.
  const [payKey, setPayKey] = useState(newIdempotencyKey);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (err) {
      setError(err as Error);
    }
  };
  const pay = async () => {
    await moneyWrites.pay(groupId, e.id, payKey);
    setPayKey(newIdempotencyKey());
  };
  const session = useSession();
  // Separation of duties: nobody decides on their own claim (the API refuses it too).
  const own = session.status === "signedIn" && e.claimantId === session.me.user.id;
  const label = `${e.payee}, ${money(e.amountCents)}`;
  return (
    <li className="dash-card">
      <p>
        <strong>{e.payee}</strong> · {money(e.amountCents)} · {t(`tr.exp.status.${e.status}`)}
      </p>
      <p>{e.description}</p>
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
        {e.status === "claimed" && !own && (
          <>
            <button type="button" className="primary" aria-label={`${t("tr.exp.approve")}: ${label}`} onClick={() => void run(() => treasuryApi.decide(groupId, e.id, "approve"))}>
              {t("tr.exp.approve")}
            </button>
            <button type="button" className="danger" aria-label={`${t("tr.exp.reject")}: ${label}`} onClick={() => void run(() => treasuryApi.decide(groupId, e.id, "reject"))}>
              {t("tr.exp.reject")}
            </button>
          </>
        )}
        {e.status === "approved" && (
          <button type="button" className="primary" aria-label={`${t("tr.exp.pay")}: ${label}`} onClick={() => void run(pay)}>
            {t("tr.exp.pay")}
          </button>
        )}
      </div>
      {error && <ErrorNote error={error} />}
    </li>
  );
}

/** Expense claims: approve or reject (never your own), then pay with an Idempotency-Key. */
export function ExpensesPage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const money = useMoney(group.id);
  const load = useCallback(() => treasuryApi.expenses(group.id), [group.id]);
  const list = useAsync(load);
  const [filter, setFilter] = useState<ExpenseStatus | "all">("all");
  const shown = (list.data ?? []).filter((e) => filter === "all" || e.status === filter);
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
      <ResourceStatus resource={list} />
      {list.data && shown.length === 0 && <p>{t("tr.exp.empty")}</p>}
      <ul className="dash-list">
        {shown.map((e) => (
          <ExpenseRow key={e.id} e={e} groupId={group.id} money={money} onChanged={list.reload} />
        ))}
      </ul>
    </section>
  );
}
