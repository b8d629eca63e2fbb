import { useCallback } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { BalanceChart } from "../charts/BalanceChart";
import { BudgetVsActualChart } from "../charts/BudgetVsActualChart";
import { fundsOf, monthEnds } from "../charts/series";
import { todayIn } from "../format";
import type { GroupChoice } from "../group";
import { ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { treasuryApi } from "./api";
import { BalancesTable } from "./BalancesTable";
import { ReservePanel } from "./ReservePanel";
import { useMoney } from "./useMoney";

/** The books at a glance: balances, reserve status and distribution, budget vs actual, balance history. */
export function OverviewPage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const money = useMoney(group.id);
  const loadBalances = useCallback(() => treasuryApi.balances(group.id), [group.id]);
  const balances = useAsync(loadBalances);
  const loadVaa = useCallback(async () => {
    const years = await treasuryApi.fiscalYears(group.id);
    return treasuryApi.vaa(group.id, years.currentId);
  }, [group.id]);
  const vaa = useAsync(loadVaa);
  const loadHistory = useCallback(async () => {
    const ends = monthEnds(todayIn(group.timezone), 12);
    const rows = await Promise.all(ends.map((e) => treasuryApi.balances(group.id, e.asOf)));
    return ends.map((e, i) => ({ month: e.month, cents: fundsOf(rows[i]?.balances ?? []) }));
  }, [group.id, group.timezone]);
  const history = useAsync(loadHistory);
  return (
    <section aria-labelledby="treasury-title">
      <h1 id="treasury-title">{t("tr.overview.title")}</h1>
      <div className="dash-grid">
        <div className="dash-panel dash-reserve-box">
          <ResourceStatus resource={balances} />
          {balances.data && <BalancesTable rows={balances.data.balances} money={money} />}
        </div>
        <ReservePanel groupId={group.id} money={money} />
      </div>
      <div className="dash-panel dash-reserve-chart">
        <ResourceStatus resource={vaa} />
        {vaa.data && <BudgetVsActualChart rows={vaa.data.rows} money={money} />}
      </div>
      <div className="dash-panel dash-reserve-chart">
        <ResourceStatus resource={history} />
        {history.data && <BalanceChart points={history.data} money={money} />}
      </div>
    </section>
  );
}
