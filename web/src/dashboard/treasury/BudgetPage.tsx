import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { dashboard } from "../../i18n/dashboard";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { BudgetVsActualChart } from "../charts/BudgetVsActualChart";
import { formatDay, parseMoneyToCents } from "../format";
import { canWriteBooks, type GroupChoice } from "../group";
import { useFormErrors } from "../FormErrors";
import { OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { type BudgetVsActual, treasuryApi } from "./api";
import { FiscalYearClose } from "./FiscalYearClose";
import { useMoney } from "./useMoney";
import { Field } from "../Field";

function BudgetForm({ groupId, vaa, onSaved }: { groupId: string; vaa: BudgetVsActual; onSaved: () => void }) {
  const t = treasuryText.useT();
  const d = dashboard.useT();
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  // The budget's lines are its accounts: `json.lines.N.…` is the Nth account sent, shown beside its amount.
  const sent = useRef<string[]>([]);
  const errors = useFormErrors({
    fields: vaa.rows.map((r) => r.accountId),
    fieldOf: (path) => {
      const n = /^lines\.(\d+)(\.|$)/.exec(path)?.[1];
      return n === undefined ? undefined : sent.current[Number(n)];
    },
  });
  useEffect(() => {
    setAmounts(Object.fromEntries(vaa.rows.map((r) => [r.accountId, (r.budgetCents / 100).toFixed(2)])));
  }, [vaa]);
  const closed = vaa.fiscalYear.closedAt !== null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setSaved(false);
    const lines = Object.entries(amounts).map(([accountId, text]) => ({
      accountId,
      amountCents: parseMoneyToCents(text || "0") ?? -1,
    }));
    const bad = lines.filter((l) => l.amountCents < 0);
    if (bad.length > 0)
      return errors.show({ fields: Object.fromEntries(bad.map((l) => [l.accountId, t("tr.contrib.badAmount")])) });
    sent.current = lines.map((l) => l.accountId);
    try {
      await treasuryApi.setBudget(groupId, vaa.fiscalYear.id, lines);
      setSaved(true);
      onSaved();
    } catch (err) {
      errors.fromApi(err);
    }
  };
  return (
    <form className="dash-form dash-panel" onSubmit={submit}>
      {closed && <p className="dash-notice">{t("tr.budget.closed")}</p>}
      {errors.top}
      <div className="dash-budget-grid">
        {vaa.rows.map((r) => (
          <Field
            key={r.accountId}
            errors={errors}
            name={r.accountId}
            label={t("tr.budget.line", { account: `${r.code} ${r.name}` })}
          >
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                disabled={closed}
                value={amounts[r.accountId] ?? ""}
                onChange={(e) => setAmounts((a) => ({ ...a, [r.accountId]: e.target.value }))}
              />
            )}
          </Field>
        ))}
      </div>
      <button type="submit" className="primary" disabled={closed}>
        {t("tr.budget.save")}
      </button>
      <OkNotice text={saved && d("dash.saved")} />
    </form>
  );
}

/**
 * The budget editor for a fiscal year (the current one unless another is picked), its chart, and closing the year.
 * Only treasurers set the budget; admins read it in the chart and may close the year (the API's rules).
 */
export function BudgetPage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const money = useMoney(group.id);
  const loadYears = useCallback(() => treasuryApi.fiscalYears(group.id), [group.id]);
  const years = useAsync(loadYears);
  const [picked, setPicked] = useState<string | null>(null);
  const fyId = picked ?? years.data?.currentId ?? null;
  const loadVaa = useCallback(() => treasuryApi.vaa(group.id, fyId ?? ""), [group.id, fyId]);
  const vaa = useAsync(fyId ? loadVaa : null);
  const [closingFunds, setClosingFunds] = useState<Record<string, number>>({});
  const fy = years.data?.fiscalYears.find((y) => y.id === fyId);
  const canWrite = canWriteBooks(group);
  const closed = (id: string, cents: number | null) => {
    if (cents !== null) setClosingFunds((all) => ({ ...all, [id]: cents }));
    years.reload();
    vaa.reload();
  };
  return (
    <section aria-labelledby="budget-title">
      <h1 id="budget-title">{t("tr.budget.title")}</h1>
      <ResourceStatus resource={years} />
      {years.data && fy && (
        <div className="dash-row">
          <label className="dash-field dash-narrow">
            <span>{t("tr.budget.fy")}</span>
            <select value={fy.id} onChange={(e) => setPicked(e.target.value)}>
              {years.data.fiscalYears.map((y) => (
                <option key={y.id} value={y.id}>
                  {y.closedAt === null ? y.label : t("tr.budget.closedYear", { label: y.label })}
                </option>
              ))}
            </select>
          </label>
          <p>
            {formatDay(fy.startsOn, t.locale)} – {formatDay(fy.endsOn, t.locale)}
          </p>
        </div>
      )}
      <ResourceStatus resource={vaa} />
      {vaa.data &&
        (canWrite ? (
          <BudgetForm groupId={group.id} vaa={vaa.data} onSaved={vaa.reload} />
        ) : (
          <p className="dash-notice">{t("tr.readOnly")}</p>
        ))}
      {vaa.data && (
        <div className="dash-panel">
          <BudgetVsActualChart rows={vaa.data.rows} money={money} />
        </div>
      )}
      {fy && (
        <FiscalYearClose
          key={fy.id}
          groupId={group.id}
          timezone={group.timezone}
          fy={fy}
          closingFundsCents={closingFunds[fy.id]}
          money={money}
          onClosed={closed}
        />
      )}
    </section>
  );
}
