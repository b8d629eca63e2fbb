import { treasuryText } from "../../i18n/dashboard-treasury";
import { budgetBars } from "./series";

type Row = {
  accountId: string;
  code: string;
  name: string;
  type: string;
  budgetCents: number;
  actualCents: number;
  pctUsed: number | null;
};

/**
 * Budget vs actual as a table with a bar per account: screen readers get the numbers, everyone
 * gets the picture (outline = budget, fill = actual; red when spending is over budget).
 */
export function BudgetVsActualChart({ rows, money }: { rows: readonly Row[]; money: (cents: number) => string }) {
  const t = treasuryText.useT();
  const bars = budgetBars(rows);
  return (
    <figure className="dash-chart" aria-labelledby="vaa-title">
      <figcaption>
        <h2 id="vaa-title">{t("tr.chart.vaa")}</h2>
        <p>{t("tr.chart.vaaHint")}</p>
      </figcaption>
      <table className="dash-vaa">
        <thead>
          <tr>
            <th scope="col">{t("tr.account")}</th>
            <th scope="col">{t("tr.chart.budget")}</th>
            <th scope="col">{t("tr.chart.actual")}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.key} className={b.over ? "over" : undefined}>
              <th scope="row">
                {b.label}
                {/* The bar sits under the account's name: three columns fit a phone. */}
                <div className="dash-bar-track" aria-hidden="true">
                  <div className="dash-bar-budget" style={{ width: `${b.budgetPct}%` }} />
                  <div className="dash-bar-actual" style={{ width: `${b.actualPct}%` }} />
                </div>
                <span className="dash-bar-label">
                  {b.pctUsed === null ? t("tr.chart.noBudget") : t("tr.chart.used", { pct: b.pctUsed })}
                </span>
              </th>
              <td>{money(b.budgetCents)}</td>
              <td>{money(b.actualCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
