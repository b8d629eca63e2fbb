import { type FormEvent, useCallback, useState } from "react";
import { dashboard } from "../../i18n/dashboard";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { ErrorNote, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { type Plan, type Proposal, treasuryApi } from "./api";

type Split = { district: number; area: number; intergroup: number; gso: number };
const BODIES = ["district", "area", "intergroup", "gso"] as const;

function PlanForm({ groupId, plan, onSaved }: { groupId: string; plan: Plan | null; onSaved: () => void }) {
  const t = treasuryText.useT();
  const d = dashboard.useT();
  const [months, setMonths] = useState(plan?.reserve.mode === "months" ? plan.reserve.months : 3);
  const [split, setSplit] = useState<Split>(plan?.split ?? { district: 10, area: 10, intergroup: 30, gso: 50 });
  const [error, setError] = useState<Error | null>(null);
  const sum = BODIES.reduce((s, b) => s + split[b], 0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await treasuryApi.setPlan(groupId, { reserve: { mode: "months", months }, split });
      onSaved();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <details className="dash-details" open={plan === null}>
      <summary>{t("tr.plan.title")}</summary>
      <form className="dash-form" onSubmit={submit}>
        <label className="dash-field">
          <span>{t("tr.plan.months")}</span>
          <input type="number" min={0} max={24} value={months} onChange={(e) => setMonths(Number(e.target.value))} />
        </label>
        <div className="dash-row">
          {BODIES.map((b) => (
            <label key={b} className="dash-field">
              <span>{t(`tr.plan.${b}`)}</span>
              <input
                type="number"
                min={0}
                max={100}
                value={split[b]}
                onChange={(e) => setSplit((s) => ({ ...s, [b]: Number(e.target.value) }))}
              />
            </label>
          ))}
        </div>
        <p className={sum === 100 ? "dash-muted" : "dash-error"}>{t("tr.plan.sum", { sum })}</p>
        <button type="submit" disabled={sum !== 100}>
          {d("dash.save")}
        </button>
        {error && <ErrorNote error={error} />}
      </form>
    </details>
  );
}

function ProposalView({ p, money }: { p: Proposal; money: (cents: number) => string }) {
  const t = treasuryText.useT();
  return (
    <>
      <p role={p.belowReserve ? "alert" : undefined} className={p.belowReserve ? "dash-warning" : "dash-ok"}>
        {p.belowReserve
          ? t("tr.reserve.below", { target: money(p.reserveTargetCents) })
          : t("tr.reserve.above", { target: money(p.reserveTargetCents) })}
      </p>
      <p>{t("tr.reserve.distributable", { amount: money(p.distributableCents) })}</p>
      <table className="dash-table">
        <thead>
          <tr>
            <th scope="col">{t("tr.reserve.body")}</th>
            <th scope="col">{t("tr.reserve.percent")}</th>
            <th scope="col">{t("tr.reserve.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {p.payouts.map((row) => (
            <tr key={row.body}>
              <th scope="row">{t(`tr.body.${row.body}`)}</th>
              <td className="num">{row.percent}%</td>
              <td className="num">{money(row.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Reserve status (a warning when funds are below it) and the proposed distribution. */
export function ReservePanel({ groupId, money }: { groupId: string; money: (cents: number) => string }) {
  const t = treasuryText.useT();
  const load = useCallback(async () => {
    const plan = await treasuryApi.plan(groupId);
    return { plan, proposal: plan ? await treasuryApi.proposal(groupId) : null };
  }, [groupId]);
  const state = useAsync(load);
  return (
    <section className="dash-panel dash-reserve-box" aria-labelledby="reserve-title">
      <h2 id="reserve-title">{t("tr.reserve.title")}</h2>
      <ResourceStatus resource={state} />
      {state.data &&
        (state.data.proposal ? (
          <ProposalView p={state.data.proposal} money={money} />
        ) : (
          <p>{t("tr.reserve.noPlan")}</p>
        ))}
      {state.data && <PlanForm groupId={groupId} plan={state.data.plan} onSaved={state.reload} />}
    </section>
  );
}
