/**
 * Our per-meeting ICS read by real calendar libraries (issue 14), on Node: ical.js with only the
 * VTIMEZONE we emit (it has no zone database of its own) and node-ical (which uses the system's).
 * Every occurrence through 2040 must land on the scheduled wall-clock time in the meeting's zone,
 * with cancellations left out and moved occurrences at their new time.
 * Python's `icalendar`, also named in the issue, is not installed on this machine, so it is not run.
 */
import ICAL from "ical.js";
import { DateTime } from "luxon";
import ical, { type VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import { buildCalendar, type IcsMeeting } from "../../worker/directory/ics";

const NOW = Date.UTC(2026, 10, 30);
const THROUGH = "2040-12-31";

const meeting = (
  over: Partial<IcsMeeting> & Pick<IcsMeeting, "timezone" | "days" | "startTime" | "firstDate">,
): IcsMeeting => ({
  id: `mtg_${over.timezone.replace(/\W/g, "_")}`,
  name: "Meeting",
  description: null,
  url: "https://meetinghouse.test/m/x",
  durationMinutes: 60,
  updatedAt: NOW,
  cancelledDates: [],
  moved: [],
  ...over,
});

const CASES: IcsMeeting[] = [
  meeting({
    timezone: "America/Chicago",
    days: [1, 4],
    startTime: "19:00",
    firstDate: "2026-11-30",
    cancelledDates: ["2026-12-24"],
    moved: [{ localDate: "2026-12-31", startsAt: Date.UTC(2026, 11, 30, 18), endsAt: Date.UTC(2026, 11, 30, 19) }],
  }),
  meeting({
    timezone: "Europe/London",
    days: [0, 3],
    startTime: "07:30",
    firstDate: "2026-11-29",
    cancelledDates: ["2029-07-01"],
  }),
  meeting({ timezone: "Asia/Kolkata", days: [2], startTime: "20:00", firstDate: "2026-12-01" }),
  meeting({
    timezone: "Australia/Sydney",
    days: [6],
    startTime: "09:15",
    firstDate: "2026-12-05",
    moved: [{ localDate: "2027-01-02", startsAt: Date.UTC(2027, 0, 3, 0), endsAt: Date.UTC(2027, 0, 3, 1) }],
  }),
  // Zones whose rules changed inside the series: Mexico dropped summer time after October 2022;
  // the US moved its dates in 2007.
  meeting({ timezone: "America/Mexico_City", days: [1, 5], startTime: "18:30", firstDate: "2021-01-04" }),
  meeting({
    timezone: "America/Chicago",
    id: "mtg_chicago_2005",
    days: [2],
    startTime: "12:00",
    firstDate: "2005-01-04",
  }),
];

/** What the meeting's schedule says: each slot's start instant (luxon, the runtime's zone data). */
function expectedStarts(m: IcsMeeting): number[] {
  const starts: number[] = [];
  const [hour, minute] = m.startTime.split(":").map(Number);
  for (
    let d = DateTime.fromISO(m.firstDate, { zone: m.timezone });
    d.toISODate()! <= THROUGH;
    d = d.plus({ days: 1 })
  ) {
    const date = d.toISODate()!;
    if (!m.days.includes(d.weekday % 7) || m.cancelledDates.includes(date)) continue;
    const moved = m.moved.find((x) => x.localDate === date);
    starts.push(moved ? moved.startsAt : d.set({ hour, minute }).toMillis());
  }
  return starts;
}

const iso = (ms: number[]) => ms.map((t) => new Date(t).toISOString());

/** Compares two lists of instants; reports the first differences readably. */
function expectSameStarts(actual: number[], expected: number[]) {
  const a = iso(actual);
  const e = iso(expected);
  const diffs = e.flatMap((x, i) => (a[i] === x ? [] : [`#${i}: expected ${x}, read ${a[i]}`])).slice(0, 5);
  expect(diffs).toEqual([]);
  expect(a.length).toBe(e.length);
}

describe.each(CASES.map((m) => [`${m.timezone} from ${m.firstDate}`, m] as const))(
  "the ICS of a meeting in %s",
  (_, m) => {
    const text = buildCalendar(m.name, [m], NOW);
    const expected = expectedStarts(m);
    const endOfWindow = DateTime.fromISO(THROUGH, { zone: m.timezone }).endOf("day").toMillis();

    it("ical.js, using only our VTIMEZONE, expands every occurrence through 2040 to the scheduled wall-clock time", () => {
      ICAL.TimezoneService.reset(); // nothing but UTC known: every offset must come from the file
      const cal = new ICAL.Component(ICAL.parse(text));
      for (const vtimezone of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtimezone);
      const [master, ...overrides] = cal.getAllSubcomponents("vevent");
      const event = new ICAL.Event(master);
      for (const o of overrides) event.relateException(o);
      const iterator = event.iterator();
      const starts: number[] = [];
      for (let next = iterator.next(); next && next.toJSDate().getTime() < endOfWindow; next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        const start = details.startDate;
        if (!m.moved.some((x) => x.localDate === next.toString().slice(0, 10))) {
          expect(start.zone?.tzid).toBe(m.timezone);
          expect(`${String(start.hour).padStart(2, "0")}:${String(start.minute).padStart(2, "0")}`).toBe(m.startTime);
        }
        starts.push(start.toJSDate().getTime());
      }
      expectSameStarts(starts, expected);
    });

    it("node-ical expands every occurrence through 2040 to the same instants", () => {
      const parsed = ical.sync.parseICS(text);
      const series = Object.values(parsed).find(
        (c): c is VEvent => c?.type === "VEVENT" && Boolean((c as VEvent).rrule),
      );
      expect(series).toBeDefined();
      const instances = ical.expandRecurringEvent(series!, {
        from: new Date(`${m.firstDate}T00:00:00Z`),
        to: new Date(endOfWindow),
      });
      expectSameStarts(
        instances.map((i) => i.start.getTime()),
        expected.filter((t) => t >= Date.parse(`${m.firstDate}T00:00:00Z`)),
      );
    });
  },
);
