import { treasuryText } from "../../i18n/dashboard-treasury";
import { fundsOf } from "../charts/series";
import type { BalanceRow } from "./api";

/**
 * Accounts with their balances, shown the way a treasurer reads them: assets and expenses as
 * debits, income, liabilities and equity as credits (so a collection shows as a positive income).
 */
export function BalancesTable({ rows, money }: { rows: readonly BalanceRow[]; money: (cents: number) => string }) {
  const t = treasuryText.useT();
  // `|| 0` turns -0 into 0, so an untouched credit account reads "$0.00", not "-$0.00".
  const natural = (r: BalanceRow) =>
    (r.type === "asset" || r.type === "expense" ? r.balanceCents : -r.balanceCents) || 0;
  return (
    <table className="dash-table">
      <caption>
        <h2>{t("tr.balances")}</h2>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("tr.account")}</th>
          <th scope="col">{t("tr.balance")}</th>
        </tr>
      </thead>
      <tbody>
        {rows
          .filter((r) => r.active || r.balanceCents !== 0)
          .map((r) => (
            <tr key={r.accountId}>
              <th scope="row">
                {r.code} {r.name} <span className="dash-muted">· {t(`tr.type.${r.type}`)}</span>
              </th>
              <td className="num">{money(natural(r))}</td>
            </tr>
          ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("tr.funds")}</th>
          <td className="num">
            <strong>{money(fundsOf(rows))}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
