/**
 * VTIMEZONE blocks derived from the runtime's zone data (luxon / Intl), for calendar readers that
 * trust the block instead of their own zone database (ical.js does). Every offset change from the
 * series' first year through the end of the window is covered: changes that repeat on the same
 * rule year after year ("last Sunday of March at 01:00") become one component with a yearly RRULE,
 * the rest (Morocco's Ramadan changes, a zone that dropped DST) stay single components. A rule
 * still running at the end of the window has no UNTIL, so readers carry it on past the window.
 */
import { zoneAbbreviation, zoneOffsetMinutes } from "./zones";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** No zone's offset changes twice within a week, so a weekly scan finds every change. */
const SCAN_STEP_MS = 7 * DAY_MS;
const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** One offset change: the UTC instant, the offsets before and after (minutes east), the wall clock before it. */
type Transition = { at: number; from: number; to: number; name: string; wall: Date };

/** The UTC instant (to the minute) where the zone's offset changes inside (lo, hi]. */
function pinTransition(zone: string, lo: number, hi: number): number {
  const before = zoneOffsetMinutes(zone, lo);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / (2 * MINUTE_MS)) * MINUTE_MS;
    if (zoneOffsetMinutes(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Every offset change of `zone` in [start, end). */
export function zoneTransitions(zone: string, start: number, end: number): Transition[] {
  const found: Transition[] = [];
  let offset = zoneOffsetMinutes(zone, start);
  for (let t = start; t < end; t += SCAN_STEP_MS) {
    const next = Math.min(t + SCAN_STEP_MS, end);
    const nextOffset = zoneOffsetMinutes(zone, next);
    if (nextOffset === offset) continue;
    offset = nextOffset;
    const at = pinTransition(zone, t, next);
    const from = zoneOffsetMinutes(zone, at - MINUTE_MS);
    const to = zoneOffsetMinutes(zone, at);
    found.push({ at, from, to, name: zoneAbbreviation(zone, at), wall: new Date(at + from * MINUTE_MS) });
  }
  return found;
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** A UTC Date's fields as an iCalendar local date-time (`20260329T010000`). */
function wallStamp(wall: Date): string {
  return `${pad(wall.getUTCFullYear(), 4)}${pad(wall.getUTCMonth() + 1)}${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}${pad(wall.getUTCMinutes())}${pad(wall.getUTCSeconds())}`;
}

/** The BYDAY values that name this date within its month: "2SU", and "-1SU" when it is the last one. */
function bydayNames(wall: Date): string[] {
  const day = wall.getUTCDate();
  const weekday = WEEKDAYS[wall.getUTCDay()];
  const daysInMonth = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + 1, 0)).getUTCDate();
  const names = [`${Math.ceil(day / 7)}${weekday}`];
  if (day + 7 > daysInMonth) names.push(`-1${weekday}`);
  return names;
}

/** Changes that share a yearly rule in consecutive years: `byday` holds the BYDAY values true for all of them. */
type Run = { first: Transition; last: Transition; count: number; byday: string[] };

/** Same offsets, abbreviation, month and wall-clock time: candidates for one yearly rule. */
function ruleKey(t: Transition): string {
  return `${t.from}|${t.to}|${t.name}|${t.wall.getUTCMonth()}|${wallStamp(t.wall).slice(9)}`;
}

function groupIntoRuns(transitions: readonly Transition[]): Run[] {
  const runs: Run[] = [];
  const latest = new Map<string, Run>();
  for (const t of transitions) {
    const key = ruleKey(t);
    const run = latest.get(key);
    const byday = bydayNames(t.wall);
    const shared = run ? run.byday.filter((d) => byday.includes(d)) : [];
    if (run && t.wall.getUTCFullYear() === run.last.wall.getUTCFullYear() + 1 && shared.length) {
      run.last = t;
      run.count++;
      run.byday = shared;
    } else {
      const fresh = { first: t, last: t, count: 1, byday };
      runs.push(fresh);
      latest.set(key, fresh);
    }
  }
  return runs;
}

function component(
  kind: "STANDARD" | "DAYLIGHT",
  dtstart: string,
  from: number,
  to: number,
  name: string,
  rrule?: string,
): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${dtstart}`,
    ...(rrule ? [`RRULE:${rrule}`] : []),
    `TZOFFSETFROM:${offsetText(from)}`,
    `TZOFFSETTO:${offsetText(to)}`,
    `TZNAME:${name}`,
    `END:${kind}`,
  ];
}

const cache = new Map<string, string[]>();

/**
 * The VTIMEZONE for `zone` covering every change from 1 January `fromYear` through `untilYear`.
 * It opens with the offset in force at the window's start (readers such as ical.js put any time
 * before a block's first component at UTC), then one component per rule or single change.
 */
export function buildVtimezone(zone: string, fromYear: number, untilYear: number): string[] {
  const cacheKey = `${zone}|${fromYear}|${untilYear}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const start = Date.UTC(fromYear, 0, 1);
  const initial = zoneOffsetMinutes(zone, start);
  const lines = [
    "BEGIN:VTIMEZONE",
    `TZID:${zone}`,
    ...component("STANDARD", "19700101T000000", initial, initial, zoneAbbreviation(zone, start)),
  ];
  for (const run of groupIntoRuns(zoneTransitions(zone, start, Date.UTC(untilYear + 1, 0, 1)))) {
    const { first, last } = run;
    const kind = first.to > first.from ? "DAYLIGHT" : "STANDARD";
    let rrule: string | undefined;
    if (run.count > 1) {
      // A rule late in the month is "the last Sunday" (day 25 one year, 31 another); prefer that reading.
      const byday = run.byday.find((d) => d.startsWith("-1")) ?? run.byday[0];
      const stillRunning = last.wall.getUTCFullYear() === untilYear;
      rrule = `FREQ=YEARLY;BYMONTH=${first.wall.getUTCMonth() + 1};BYDAY=${byday}${stillRunning ? "" : `;UNTIL=${wallStamp(new Date(last.at))}Z`}`;
    }
    lines.push(...component(kind, wallStamp(first.wall), first.from, first.to, first.name, rrule));
  }
  lines.push("END:VTIMEZONE");
  if (cache.size > 500) cache.clear();
  cache.set(cacheKey, lines);
  return lines;
}
