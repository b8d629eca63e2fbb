import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, firstScheduledDate } from "./ics";

const meeting = {
  id: "mtg_1",
  name: "Early Birds; coffee, kindness",
  description: "Line one\nLine two",
  url: "https://meetinghouse.test/m/early-birds",
  timezone: "Europe/London",
  days: [5, 1, 3],
  startTime: "07:30",
  durationMinutes: 60,
  firstDate: "2026-03-02",
  updatedAt: Date.UTC(2026, 1, 1),
  cancelledDates: ["2026-03-30"],
  moved: [{ localDate: "2026-04-01", startsAt: Date.UTC(2026, 3, 1, 18), endsAt: Date.UTC(2026, 3, 1, 19) }],
};

describe("buildCalendar", () => {
  const text = buildCalendar("Test calendar", [meeting], Date.UTC(2026, 2, 1));
  const cal = new ICAL.Component(ICAL.parse(text));

  it("uses CRLF and folds long lines at 75 octets", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it("escapes text and keeps the series in the meeting's zone across the London switch", () => {
    const [series] = cal.getAllSubcomponents("vevent");
    expect(series?.getFirstPropertyValue("summary")).toBe("Early Birds; coffee, kindness");
    ICAL.TimezoneService.register(cal.getFirstSubcomponent("vtimezone") as ICAL.Component);
    const iterator = new ICAL.Event(series).iterator();
    const starts: ICAL.Time[] = [];
    for (let next = iterator.next(); next && starts.length < 12; next = iterator.next()) starts.push(next);
    expect(starts.map((t) => t.toString().slice(11))).toEqual(Array(12).fill("07:30:00"));
    // 07:30 GMT before 29 March, 07:30 BST after: the UTC hour moves.
    expect(starts[0]?.toJSDate().toISOString()).toBe("2026-03-02T07:30:00.000Z");
    expect(starts.at(-1)?.toJSDate().toISOString()).toBe("2026-03-27T07:30:00.000Z");
    expect(String(series?.getFirstPropertyValue("exdate"))).toBe("2026-03-30T07:30:00");
  });
});

describe("firstScheduledDate", () => {
  it("finds the first date on a scheduled weekday", () => {
    expect(firstScheduledDate("2026-11-21", [1, 3])).toBe("2026-11-23");
    expect(firstScheduledDate("2026-11-21", [6])).toBe("2026-11-21");
  });
});
