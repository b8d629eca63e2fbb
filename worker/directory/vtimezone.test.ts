import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildVtimezone, zoneTransitions } from "./vtimezone";

const block = (zone: string, from: number, until: number) => buildVtimezone(zone, from, until).join("\n");

describe("zoneTransitions", () => {
  it("finds each change to the minute with the offsets on both sides", () => {
    const [spring, fall] = zoneTransitions("America/Chicago", Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(spring).toMatchObject({ at: Date.UTC(2026, 2, 8, 8), from: -360, to: -300, name: "CDT" });
    expect(fall).toMatchObject({ at: Date.UTC(2026, 10, 1, 7), from: -300, to: -360, name: "CST" });
    expect(zoneTransitions("Asia/Kolkata", Date.UTC(2026, 0, 1), Date.UTC(2041, 0, 1))).toEqual([]);
  });
});

describe("buildVtimezone", () => {
  it("turns a zone's yearly changes into open-ended RRULEs (issue 14: no single changes that stop after a few years)", () => {
    const london = block("Europe/London", 2026, 2041);
    expect(london).toContain(
      "DTSTART:20260329T010000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nTZNAME:BST",
    );
    expect(london).toContain(
      "DTSTART:20261025T020000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000\nTZNAME:GMT",
    );
    expect(london.match(/BEGIN:(?:DAYLIGHT|STANDARD)/g)).toHaveLength(3);
    expect(block("America/Chicago", 2026, 2041)).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\n");
    // Southern hemisphere: summer time starts in October.
    expect(block("Australia/Sydney", 2026, 2041)).toContain(
      "BEGIN:DAYLIGHT\nDTSTART:20261004T020000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\n",
    );
  });

  it("opens with the offset in force at the window's start and gives a zone without changes only that", () => {
    expect(buildVtimezone("Asia/Kolkata", 2026, 2041)).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:Asia/Kolkata",
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      "TZOFFSETFROM:+0530",
      "TZOFFSETTO:+0530",
      "TZNAME:IST",
      "END:STANDARD",
      "END:VTIMEZONE",
    ]);
    expect(block("Australia/Sydney", 2026, 2041)).toContain(
      "DTSTART:19700101T000000\nTZOFFSETFROM:+1100\nTZOFFSETTO:+1100\nTZNAME:AEDT",
    );
  });

  it("closes a rule that ended with UNTIL (Mexico dropped summer time after 2022) and starts a new one when the rule changed (US 2007)", () => {
    const mexico = block("America/Mexico_City", 2021, 2041);
    expect(mexico).toContain("RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20220403T080000Z\n");
    expect(mexico).toContain("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20221030T070000Z\n");
    const chicago = block("America/Chicago", 2005, 2041);
    expect(chicago).toContain(
      "DTSTART:20050403T020000\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T080000Z\n",
    );
    expect(chicago).toContain("DTSTART:20070311T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\n");
  });

  it("is a VTIMEZONE ical.js reads: summer 2035 in London is BST", () => {
    const text = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//t//EN",
      ...buildVtimezone("Europe/London", 2026, 2041),
      "END:VCALENDAR",
    ].join("\r\n");
    const zone = new ICAL.Timezone(
      new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vtimezone") as ICAL.Component,
    );
    expect(zone.utcOffset(ICAL.Time.fromData({ year: 2035, month: 7, day: 1, hour: 12 }))).toBe(3600);
    expect(zone.utcOffset(ICAL.Time.fromData({ year: 2035, month: 12, day: 1, hour: 12 }))).toBe(0);
  });
});
