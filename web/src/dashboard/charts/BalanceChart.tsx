import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { formatMonth } from "../format";

type Point = { month: string; cents: number };

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** Draws the line with uPlot into a fixed-height box (no layout shift); redraws on resize. */
function useUplot(
  box: React.RefObject<HTMLDivElement | null>,
  points: readonly Point[],
  money: (cents: number) => string,
  locale: string,
) {
  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const xs = points.map((_, i) => i);
    const ys = points.map((p) => p.cents / 100);
    const fg = cssVar(el, "--fg", "#1a1a1a");
    const accent = cssVar(el, "--accent", "#1d4ed8");
    const grid = cssVar(el, "--border", "#d1d5db");
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height: 240,
        legend: { show: false },
        cursor: { show: false },
        // The filled area starts at zero (or below, if the books ever went negative): honest heights.
        scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(max * 1.1, 1)] } },
        axes: [
          {
            ...axis,
            values: (_u, splits) => splits.map((i) => (points[i] ? formatMonth(points[i].month, locale, "short") : "")),
          },
          { ...axis, size: 80, values: (_u, splits) => splits.map((v) => money(Math.round(v * 100))) },
        ],
        series: [{}, { stroke: accent, width: 3, fill: `${accent}22`, points: { show: true, size: 6, fill: accent } }],
      },
      [xs, ys],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth || 600, height: 240 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [box, points, money, locale]);
}

/** Funds on hand at each month end: a uPlot line, with the same numbers as a table for everyone. */
export function BalanceChart({ points, money }: { points: readonly Point[]; money: (cents: number) => string }) {
  const t = treasuryText.useT();
  const box = useRef<HTMLDivElement>(null);
  useUplot(box, points, money, t.locale);
  const last = points.at(-1);
  return (
    <figure className="dash-chart" aria-labelledby="balance-title">
      <figcaption>
        <h2 id="balance-title">{t("tr.chart.balance")}</h2>
        <p>{t("tr.chart.balanceHint")}</p>
      </figcaption>
      <div
        ref={box}
        className="dash-plot"
        role="img"
        aria-label={
          last
            ? `${t("tr.chart.balance")}: ${formatMonth(last.month, t.locale)} ${money(last.cents)}`
            : t("tr.chart.balance")
        }
      />
      <details>
        <summary>{t("tr.chart.table")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("tr.chart.month")}</th>
              <th scope="col">{t("tr.funds")}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.month}>
                <th scope="row">{formatMonth(p.month, t.locale)}</th>
                <td>{money(p.cents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
