import { type FormEvent, useCallback, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { formatDay, parseMoneyToCents, todayIn } from "../format";
import { canWriteBooks, type GroupChoice } from "../group";
import { useFormErrors } from "../FormErrors";
import { AccountOptions, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { treasuryApi } from "./api";
import { useMoney } from "./useMoney";
import { Field } from "../Field";

/** A refused statement: `json.accountId`, `json.date`, `json.balanceCents` beside their field, the rest at the top. */
const RECONCILE_PLACEMENT = {
  fields: ["accountId", "date", "balanceCents"] as const,
  codeFields: { date_out_of_range: "date", invalid_date: "date" } as const,
};

/** Bank reconciliation: a statement balance on a date, and whether the books agree to the cent. Treasurers record statements; admins read them (the API's rule). */
export function ReconcilePage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const money = useMoney(group.id);
  const load = useCallback(async () => {
    const [accounts, statements] = await Promise.all([
      treasuryApi.accounts(group.id),
      treasuryApi.statements(group.id),
    ]);
    return { accounts: accounts.filter((a) => a.type === "asset" && a.active), statements };
  }, [group.id]);
  const data = useAsync(load);
  const [accountId, setAccountId] = useState("");
  const [date, setDate] = useState(() => todayIn(group.timezone));
  const [balance, setBalance] = useState("");
  const [result, setResult] = useState<{ agrees: boolean; differenceCents: number } | null>(null);
  const errors = useFormErrors(RECONCILE_PLACEMENT);
  const chosen = accountId || data.data?.accounts[0]?.id || "";
  const names = new Map((data.data?.accounts ?? []).map((a) => [a.id, `${a.code} ${a.name}`]));
  const canWrite = canWriteBooks(group);
  const describe = (r: { agrees: boolean; differenceCents: number }) =>
    r.agrees ? t("tr.rec.agrees") : t("tr.rec.differs", { diff: money(r.differenceCents) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setResult(null);
    const cents = parseMoneyToCents(balance);
    if (cents === null) return errors.show({ fields: { balanceCents: t("tr.contrib.badAmount") } });
    try {
      setResult(await treasuryApi.reconcile(group.id, { accountId: chosen, date, balanceCents: cents }));
      data.reload();
    } catch (err) {
      errors.fromApi(err);
    }
  };
  return (
    <section aria-labelledby="rec-title">
      <h1 id="rec-title">{t("tr.rec.title")}</h1>
      {canWrite && <p>{t("tr.rec.intro")}</p>}
      <ResourceStatus resource={data} />
      {data.data && !canWrite && <p className="dash-notice">{t("tr.readOnly")}</p>}
      {data.data && canWrite && (
        <form className="dash-form dash-panel" onSubmit={submit}>
          {errors.top}
          <div className="dash-row">
            <Field errors={errors} name="accountId" label={t("tr.rec.account")}>
              {(control) => (
                <select {...control} value={chosen} onChange={(e) => setAccountId(e.target.value)}>
                  <AccountOptions accounts={data.data?.accounts ?? []} />
                </select>
              )}
            </Field>
            <Field errors={errors} name="date" label={t("tr.rec.date")}>
              {(control) => (
                <input {...control} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
              )}
            </Field>
            <Field errors={errors} name="balanceCents" label={t("tr.rec.balance")}>
              {(control) => (
                <input
                  {...control}
                  inputMode="decimal"
                  required
                  value={balance}
                  onChange={(e) => setBalance(e.target.value)}
                />
              )}
            </Field>
          </div>
          <button type="submit" className="primary">
            {t("tr.rec.submit")}
          </button>
          <div aria-live="polite" className="dash-live">
            {result && <p className={result.agrees ? "dash-ok" : "dash-warning"}>{describe(result)}</p>}
          </div>
        </form>
      )}
      {data.data && data.data.statements.length > 0 && (
        <>
          <h2>{t("tr.rec.history")}</h2>
          <ul className="dash-list">
            {data.data.statements.map((s) => (
              <li key={s.statementId} className="dash-card">
                <strong>{formatDay(s.date, t.locale)}</strong> · {names.get(s.accountId) ?? ""} ·{" "}
                {t("tr.rec.statement")} {money(s.statementBalanceCents)} · {t("tr.rec.books")}{" "}
                {money(s.bookBalanceCents)}
                <br />
                {describe(s)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
