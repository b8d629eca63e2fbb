import { zoneOffsetMinutes } from "./zones";

/** A weekly schedule as secretaries enter it: days (Sunday = 0), local "HH:MM", duration. */
export type WeeklySchedule = { days: number[]; startTime: string; durationMinutes: number };

/** One planned occurrence: the local date it fills and its UTC instants (epoch ms). */
export type PlannedSlot = { localDate: string; startsAt: number; endsAt: number };

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "HH:MM" → minutes after midnight. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Epoch-ms midnight UTC of "YYYY-MM-DD" (used as a zone-free calendar day). */
function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function dateOf(dayMs: number): string {
  const d = new Date(dayMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The instant of a local wall time in `zone`. A time skipped by a spring-forward jump shifts
 * forward by the gap (02:30 → 03:30); a time that happens twice (fall back) takes the first.
 */
export function localToInstant(zone: string, date: string, time: string): number {
  const wall = dayNumber(date) + minutesOfDay(time) * 60_000;
  const offsets = new Set([
    zoneOffsetMinutes(zone, wall - DAY_MS),
    zoneOffsetMinutes(zone, wall),
    zoneOffsetMinutes(zone, wall + DAY_MS),
  ]);
  const valid = [...offsets]
    .map((o) => wall - o * 60_000)
    .filter((t) => zoneOffsetMinutes(zone, t) * 60_000 === wall - t);
  if (valid.length) return Math.min(...valid);
  // In a gap: read the wall time with the offset in force before the jump, which lands after it.
  return wall - zoneOffsetMinutes(zone, wall - DAY_MS) * 60_000;
}

/** The local calendar date ("YYYY-MM-DD") of an instant in `zone`. */
export function localDateOf(zone: string, at: number): string {
  return dateOf(at + zoneOffsetMinutes(zone, at) * 60_000);
}

/** Adds whole days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days * DAY_MS);
}

/** Weekday (Sunday = 0) of a "YYYY-MM-DD" date. */
export function weekdayOf(date: string): number {
  return new Date(dayNumber(date)).getUTCDay();
}

/**
 * Every occurrence of a weekly schedule whose start falls in [from, to) (epoch ms), in order.
 * Days and time are read in the meeting's zone, so 07:00 stays 07:00 local across DST.
 */
export function expandSchedule(schedule: WeeklySchedule, zone: string, from: number, to: number): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  const days = new Set(schedule.days);
  const last = addDays(localDateOf(zone, to), 1);
  for (let date = addDays(localDateOf(zone, from), -1); date <= last; date = addDays(date, 1)) {
    if (!days.has(weekdayOf(date))) continue;
    const startsAt = localToInstant(zone, date, schedule.startTime);
    if (startsAt >= from && startsAt < to)
      slots.push({ localDate: date, startsAt, endsAt: startsAt + schedule.durationMinutes * 60_000 });
  }
  return slots;
}

/** The local "HH:MM" a meeting ends (wrapping past midnight), for the Meeting Guide `end_time`. */
export function endTimeOf(startTime: string, durationMinutes: number): string {
  const end = (minutesOfDay(startTime) + durationMinutes) % (24 * 60);
  return `${pad(Math.floor(end / 60))}:${pad(end % 60)}`;
}
