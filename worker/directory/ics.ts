import { buildVtimezone } from "./vtimezone";

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
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function localStamp(date: string, time: string): string {
  return `${date.replace(/-/g, "")}T${time.replace(":", "")}00`;
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
    `RRULE:FREQ=WEEKLY;BYDAY=${[...m.days]
      .sort()
      .map((d) => BYDAY[d])
      .join(",")}`,
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

/** How many years past today each VTIMEZONE lists the zone's changes (rules still running then go on). */
const VTIMEZONE_YEARS_AHEAD = 15;

/** An iCalendar file with one weekly series per meeting, RRULE with TZID and EXDATE for cancellations. */
export function buildCalendar(title: string, meetings: IcsMeeting[], now = Date.now()): string {
  const untilYear = new Date(now).getUTCFullYear() + VTIMEZONE_YEARS_AHEAD;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Meetinghouse//Directory//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(title)}`,
  ];
  // Each zone's block starts in the year of its earliest series, so every occurrence is covered.
  const firstYear = new Map<string, number>();
  for (const m of meetings)
    firstYear.set(m.timezone, Math.min(firstYear.get(m.timezone) ?? Infinity, Number(m.firstDate.slice(0, 4))));
  for (const [zone, fromYear] of firstYear)
    lines.push(...buildVtimezone(zone, fromYear, Math.max(untilYear, fromYear)));
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
