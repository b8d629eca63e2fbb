/** Plain helpers for the schedule builder and meeting form (no React, unit-tested). */

/** Weekday names Sunday (0) … Saturday (6) in the reader's language. */
export function weekdayNames(locale: string, width: "long" | "short" = "long"): string[] {
  const fmt = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" });
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => fmt.format(Date.UTC(2023, 0, 1 + i)));
}

/** Adds or removes a day, keeping the list sorted and unique (the API refuses repeats). */
export function toggleDay(days: readonly number[], day: number): number[] {
  const next = days.includes(day) ? days.filter((d) => d !== day) : [...days, day];
  return next.sort((a, b) => a - b);
}

/** "Monday, Wednesday, Friday" — or "Every day" style lists are left to the caller's words. */
export function describeDays(days: readonly number[], locale: string): string {
  const names = weekdayNames(locale);
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  return list.format(days.map((d) => names[d] ?? String(d)));
}

/** Every IANA zone this browser knows, with the given one first when it is missing from the list. */
export function zoneList(preferred: string): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes(preferred) ? zones : [preferred, ...zones];
}

/**
 * The UTC instant of a wall-clock time in a zone ("2026-03-08", "07:00", "America/Chicago"),
 * found by correcting a first guess with the zone's offset at that moment (twice, for DST edges).
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const wall = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    }).formatToParts(instant);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute")) - instant;
  };
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return guess;
}
