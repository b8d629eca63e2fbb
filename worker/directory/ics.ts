import { zoneAbbreviation, zoneOffsetMinutes } from "./zones";

/** A meeting as a calendar series; `firstDate` is a local date on one of `days`. */
export type IcsMeeting = {
  id: string;
  name: string;
  description: string | null;
  url: string;
  timezone: string;
  days: number[];
  startTime: string;
  durationMinutes: number;
  firstDate: string;
  updatedAt: number;
  /** Local dates (YYYY-MM-DD) of cancelled occurrences. */
  cancelledDates: string[];
  /** Occurrences moved away from their slot: the slot's local date and the new UTC start. */
  moved: { localDate: string; startsAt: number; endsAt: number }[];
};

const BYDAY = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const len = new TextEncoder().encode(ch).length;
    if (size + len > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += len;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function utcStamp(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function localStamp(date: string, time: string): string {
  return `${date.replace(/-/g, "")}T${time.replace(":", "")}00`;
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** The UTC instant (to the minute) where the zone's offset changes inside (lo, hi]. */
function findTransition(zone: string, lo: number, hi: number): number {
  const before = zoneOffsetMinutes(zone, lo);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (zoneOffsetMinutes(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * A VTIMEZONE for an IANA zone, built from the zone's real transitions over a few years
 * around `year` (calendar apps that do not know the TZID fall back on it).
 */
export function buildVtimezone(zone: string, year: number): string[] {
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const start = Date.UTC(year - 1, 0, 1);
  const end = Date.UTC(year + 3, 0, 1);
  let offsets: number[] = [];
  const transitions: number[] = [];
  for (let t = start; t < end; t += 86_400_000) {
    const next = t + 86_400_000;
    offsets.push(zoneOffsetMinutes(zone, t));
    if (zoneOffsetMinutes(zone, t) !== zoneOffsetMinutes(zone, next)) transitions.push(findTransition(zone, t, next));
  }
  offsets = [...new Set(offsets)];
  const standardOffset = Math.min(...offsets);
  if (!transitions.length) {
    const o = zoneOffsetMinutes(zone, start);
    lines.push("BEGIN:STANDARD", "DTSTART:19700101T000000", `TZOFFSETFROM:${offsetText(o)}`, `TZOFFSETTO:${offsetText(o)}`, `TZNAME:${zoneAbbreviation(zone, start)}`, "END:STANDARD");
  }
  for (const at of transitions) {
    const from = zoneOffsetMinutes(zone, at - 60_000);
    const to = zoneOffsetMinutes(zone, at);
    const kind = to > standardOffset ? "DAYLIGHT" : "STANDARD";
    const wall = new Date(at + from * 60_000);
    const dtstart = `${wall.getUTCFullYear()}${pad(wall.getUTCMonth() + 1)}${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}${pad(wall.getUTCMinutes())}00`;
    lines.push(`BEGIN:${kind}`, `DTSTART:${dtstart}`, `TZOFFSETFROM:${offsetText(from)}`, `TZOFFSETTO:${offsetText(to)}`, `TZNAME:${zoneAbbreviation(zone, at)}`, `END:${kind}`);
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

function eventLines(m: IcsMeeting, now: number): string[] {
  const tz = m.timezone;
  const lines = [
    "BEGIN:VEVENT",
    `UID:${m.id}@meetinghouse`,
    `DTSTAMP:${utcStamp(now)}`,
    `LAST-MODIFIED:${utcStamp(m.updatedAt)}`,
    `DTSTART;TZID=${tz}:${localStamp(m.firstDate, m.startTime)}`,
    `DURATION:PT${m.durationMinutes}M`,
    `RRULE:FREQ=WEEKLY;BYDAY=${[...m.days].sort().map((d) => BYDAY[d]).join(",")}`,
    `SUMMARY:${escapeText(m.name)}`,
    `URL:${m.url}`,
    `DESCRIPTION:${escapeText([m.description, `Join: ${m.url}`].filter(Boolean).join("\n\n"))}`,
  ];
  for (const date of m.cancelledDates) lines.push(`EXDATE;TZID=${tz}:${localStamp(date, m.startTime)}`);
  lines.push("END:VEVENT");
  // A moved occurrence overrides its slot of the series (same UID, RECURRENCE-ID).
  for (const mv of m.moved) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${m.id}@meetinghouse`,
      `DTSTAMP:${utcStamp(now)}`,
      `RECURRENCE-ID;TZID=${tz}:${localStamp(mv.localDate, m.startTime)}`,
      `DTSTART:${utcStamp(mv.startsAt)}`,
      `DTEND:${utcStamp(mv.endsAt)}`,
      `SUMMARY:${escapeText(m.name)}`,
      `URL:${m.url}`,
      "END:VEVENT",
    );
  }
  return lines;
}

/** An iCalendar file with one weekly series per meeting, RRULE with TZID and EXDATE for cancellations. */
export function buildCalendar(title: string, meetings: IcsMeeting[], now = Date.now()): string {
  const year = new Date(now).getUTCFullYear();
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Meetinghouse//Directory//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${escapeText(title)}`];
  for (const zone of new Set(meetings.map((m) => m.timezone))) lines.push(...buildVtimezone(zone, year));
  for (const m of meetings) lines.push(...eventLines(m, now));
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/** The first local date on or after `date` that falls on one of `days` (a valid series DTSTART). */
export function firstScheduledDate(date: string, days: number[]): string {
  const start = Date.parse(`${date}T00:00:00Z`);
  for (let i = 0; i < 7; i++) {
    const d = new Date(start + i * 86_400_000);
    if (days.includes(d.getUTCDay())) return d.toISOString().slice(0, 10);
  }
  return date;
}
