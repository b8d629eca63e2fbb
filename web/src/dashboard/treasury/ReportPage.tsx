import { useCallback, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { formatMonth, todayIn } from "../format";
import type { GroupChoice } from "../group";
import { ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { type MonthlyReport, treasuryApi, treasuryPath } from "./api";
import { useMoney } from "./useMoney";

type Row = { label: string; cents: number; total?: boolean };

function Section({ title, rows, money }: { title: string; rows: Row[]; money: (c: number) => string }) {
  const t = treasuryText.useT();
  return (
    <section className="dash-report-section">
      <h2>{title}</h2>
      <table className="dash-table">
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={2}>{t("tr.report.none")}</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.label} className={r.total ? "total" : undefined}>
              <th scope="row">{r.label}</th>
              <td className="num">{money(r.cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ReportBody({ r, money }: { r: MonthlyReport; money: (c: number) => string }) {
  const t = treasuryText.useT();
  const reserve = r.reserve;
  return (
    <>
      <Section
        title={t("tr.report.balanceForward")}
        rows={[{ label: t("tr.report.balanceForward"), cents: r.balanceForwardCents }]}
        money={money}
      />
      <Section
        title={t("tr.report.incomeByMeeting")}
        rows={r.income.byMeeting.map((m) => ({
          label: m.meetingId ? m.meetingName : t("tr.report.noMeeting"),
          cents: m.cents,
        }))}
        money={money}
      />
      <Section
        title={t("tr.report.seventhSplit")}
        rows={[
          { label: t("tr.report.cash"), cents: r.income.seventhTradition.cashCents },
          { label: t("tr.report.online"), cents: r.income.seventhTradition.onlineCents },
        ]}
        money={money}
      />
      <Section
        title={t("tr.report.incomeByCategory")}
        rows={[
          ...r.income.byCategory.map((c) => ({ label: `${c.code} ${c.name}`, cents: c.cents })),
          { label: t("tr.report.totalIncome"), cents: r.income.totalCents, total: true },
        ]}
        money={money}
      />
      <Section
        title={t("tr.report.expensesByCategory")}
        rows={[
          ...r.expenses.byCategory.map((c) => ({ label: `${c.code} ${c.name}`, cents: c.cents })),
          { label: t("tr.report.totalExpenses"), cents: r.expenses.totalCents, total: true },
        ]}
        money={money}
      />
      <Section
        title={t("tr.report.closing")}
        rows={[
          ...(r.otherMovementsCents ? [{ label: t("tr.report.other"), cents: r.otherMovementsCents }] : []),
          { label: t("tr.report.closing"), cents: r.closingBalanceCents, total: true },
        ]}
        money={money}
      />
      <section className="dash-report-section">
        <h2>{t("tr.report.reserve")}</h2>
        {reserve.targetCents === null ? (
          <p>{t("tr.reserve.noPlan")}</p>
        ) : (
          <p className={reserve.status === "below" ? "dash-warning" : "dash-ok"}>
            {reserve.status === "below"
              ? t("tr.reserve.below", { target: money(reserve.targetCents) })
              : t("tr.reserve.above", { target: money(reserve.targetCents) })}
          </p>
        )}
      </section>
    </>
  );
}

/** The monthly treasurer's report for the business meeting: on screen, printable, CSV. */
export function ReportPage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const money = useMoney(group.id);
  const [month, setMonth] = useState(() => todayIn(group.timezone).slice(0, 7));
  const load = useCallback(() => treasuryApi.report(group.id, month), [group.id, month]);
  const report = useAsync(load);
  const base = `${treasuryPath(group.id)}/reports/monthly?month=${month}`;
  return (
    <section aria-labelledby="report-title" className="dash-report">
      <h1 id="report-title">
        {t("tr.report.title")} — {formatMonth(month, t.locale)}
      </h1>
      <p className="dash-muted">{group.name}</p>
      <div className="dash-row dash-no-print">
        <label className="dash-field">
          <span>{t("tr.report.month")}</span>
          <input type="month" value={month} required onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
      </div>
      <p className="dash-actions dash-no-print">
        <button type="button" onClick={() => window.print()}>
          {t("tr.report.print")}
        </button>
        <a className="button" href={`${base}&format=html`} target="_blank" rel="noopener">
          {t("tr.report.printable")}
        </a>
        <a className="button" href={`${base}&format=csv`} download>
          {t("tr.report.csv")}
        </a>
      </p>
      <ResourceStatus resource={report} />
      {report.data && <ReportBody r={report.data.report} money={money} />}
    </section>
  );
}
