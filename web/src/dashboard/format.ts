/** Formatting and parsing shared by the dashboard pages: money in integer cents, dates, times. */

/** Parses a typed amount like "12", "12.5" or "1,234.50" into integer cents; null if it is not money. */
export function parseMoneyToCents(text: string): number | null {
  const cleaned = text.trim().replace(/[\s,]/g, "");
  if (!/^\d{1,9}(?:\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = "0", fraction = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** Cents as a localized currency amount ("$1,234.50", "1234,50 US$"). */
export function formatCents(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100);
}

/** A calendar date (YYYY-MM-DD) shown in words, read as a date (no zone shift). */
export function formatDay(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1),
  );
}

/** A month (YYYY-MM) in words: "November 2026", or "Nov" for chart ticks. */
export function formatMonth(month: string, locale: string, width: "long" | "short" = "long"): string {
  const [y, m] = month.split("-").map(Number);
  const options: Intl.DateTimeFormatOptions =
    width === "long" ? { month: "long", year: "numeric", timeZone: "UTC" } : { month: "short", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
}

/** An instant in a zone, with the zone's abbreviation: "Mon, Nov 23, 7:00 AM CST". */
export function formatInstant(iso: string | number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(new Date(iso));
}

/** Today's date (YYYY-MM-DD) in a zone. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The month (YYYY-MM) `offset` months from `month`. */
export function shiftMonth(month: string, offset: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The last day (YYYY-MM-DD) of a month (YYYY-MM). */
export function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y ?? 1970, m ?? 1, 0));
  return `${month}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

/** A wall-clock "HH:MM" in the reader's style ("7:00 PM", "19:00"). */
export function formatClock(hhmm: string, locale: string): string {
  const [h, m] = hhmm.split(":").map(Number);
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(
    Date.UTC(2000, 0, 1, h ?? 0, m ?? 0),
  );
}

/** The zone's short name at an instant, in the reader's language ("CST", "GMT+5:30"). */
export function zoneAbbreviation(timeZone: string, locale: string, at: number = Date.now()): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}
