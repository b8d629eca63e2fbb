import { addDays, localDateOf, localToInstant, weekdayOf } from "./schedule";

/**
 * Times of day, TSML-style but without overlaps (TSML's midday overlaps morning), in the
 * viewer's local time: morning 04:00–11:59, midday 12:00–16:59, evening 17:00–20:59,
 * night 21:00–03:59 (the small hours count toward the calendar day they fall on).
 */
export const TIMES_OF_DAY = ["morning", "midday", "evening", "night"] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

const SEGMENTS: Record<TimeOfDay | "any", [string, string, number][]> = {
  // [start "HH:MM", end "HH:MM", end's day offset]
  any: [["00:00", "00:00", 1]],
  morning: [["04:00", "12:00", 0]],
  midday: [["12:00", "17:00", 0]],
  evening: [["17:00", "21:00", 0]],
  night: [
    ["00:00", "04:00", 0],
    ["21:00", "00:00", 1],
  ],
};

/** A half-open UTC range [start, end) in epoch ms. */
export type InstantRange = [number, number];

/**
 * The UTC ranges inside [from, to) that match a weekday and/or time of day in the viewer's zone.
 * Adjacent ranges are merged, so "no filter" is the single range [from, to).
 */
export function viewerRanges(
  zone: string,
  from: number,
  to: number,
  filter: { day?: number; timeOfDay?: TimeOfDay },
): InstantRange[] {
  if (filter.day === undefined && !filter.timeOfDay) return from < to ? [[from, to]] : [];
  const ranges: InstantRange[] = [];
  const last = localDateOf(zone, to);
  for (let date = localDateOf(zone, from); date <= last; date = addDays(date, 1)) {
    if (filter.day !== undefined && weekdayOf(date) !== filter.day) continue;
    for (const [start, end, endDays] of SEGMENTS[filter.timeOfDay ?? "any"]) {
      const a = Math.max(from, localToInstant(zone, date, start));
      const b = Math.min(to, localToInstant(zone, addDays(date, endDays), end));
      if (a >= b) continue;
      const prev = ranges.at(-1);
      if (prev && prev[1] >= a) prev[1] = Math.max(prev[1], b);
      else ranges.push([a, b]);
    }
  }
  return ranges;
}
