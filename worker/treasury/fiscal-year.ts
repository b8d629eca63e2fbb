/** Fiscal-year math from a group's start month (1–12). Dates are YYYY-MM-DD strings. */
import { DateTime } from "luxon";

export type FiscalYearSpan = { label: string; startsOn: string; endsOn: string };

const pad = (n: number) => String(n).padStart(2, "0");

/** The last day of a month (month 1–12). */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The fiscal year that starts in `startYear` on the first of `startMonth`. Labelled by its start
 * year for January years ("FY2026") and by both years otherwise ("FY2026-27").
 */
export function fiscalYearStartingIn(startYear: number, startMonth: number): FiscalYearSpan {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12)
    throw new RangeError("startMonth must be 1–12");
  const startsOn = `${startYear}-${pad(startMonth)}-01`;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1;
  const endYear = startMonth === 1 ? startYear : startYear + 1;
  const endsOn = `${endYear}-${pad(endMonth)}-${pad(lastDayOfMonth(endYear, endMonth))}`;
  const label = startMonth === 1 ? `FY${startYear}` : `FY${startYear}-${String(endYear).slice(2)}`;
  return { label, startsOn, endsOn };
}

/** The fiscal year containing `date`. */
export function fiscalYearFor(date: string, startMonth: number): FiscalYearSpan {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return fiscalYearStartingIn(month >= startMonth ? year : year - 1, startMonth);
}

/** First and last day of a "YYYY-MM" month. */
export function monthBounds(month: string): { first: string; last: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { first: `${month}-01`, last: `${month}-${pad(lastDayOfMonth(y, m))}` };
}

/** The "YYYY-MM" month `offset` months from `month`. */
export function addMonths(month: string, offset: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + offset;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The day before a YYYY-MM-DD date. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Today's date where the group meets: a collection counted at 11 pm in Chicago on the 30th belongs
 * to that month's report, not to the next day in UTC. An unknown zone falls back to UTC.
 */
export function todayIn(timezone: string, now = Date.now()): string {
  const local = DateTime.fromMillis(now, { zone: timezone });
  return (
    (local.isValid ? local : DateTime.fromMillis(now, { zone: "utc" })).toISODate() ??
    new Date(now).toISOString().slice(0, 10)
  );
}
