import { describe, expect, it } from "vitest";
import { describeInstant, isValidZone, zoneAbbreviation } from "./zones";

describe("isValidZone", () => {
  it("accepts IANA names and refuses junk and raw offsets", () => {
    for (const z of ["America/Chicago", "Asia/Kolkata", "UTC", "America/Argentina/Buenos_Aires"])
      expect(isValidZone(z)).toBe(true);
    for (const z of ["Mars/Olympus", "", "+05:30", "CST6CDT/x", "America/Chicago; DROP"])
      expect(isValidZone(z)).toBe(false);
  });
});

describe("zoneAbbreviation", () => {
  it("names common zones in winter and summer", () => {
    const jan = Date.UTC(2026, 0, 15);
    const jul = Date.UTC(2026, 6, 15);
    expect(zoneAbbreviation("America/Chicago", jan)).toBe("CST");
    expect(zoneAbbreviation("America/Chicago", jul)).toBe("CDT");
    expect(zoneAbbreviation("Europe/London", jan)).toBe("GMT");
    expect(zoneAbbreviation("Europe/London", jul)).toBe("BST");
    expect(zoneAbbreviation("Asia/Kolkata", jul)).toBe("IST");
    expect(zoneAbbreviation("Australia/Sydney", jan)).toBe("AEDT");
  });

  it("falls back to a UTC offset label rather than nothing", () => {
    expect(zoneAbbreviation("Asia/Tokyo", Date.UTC(2026, 0, 1))).toBe("UTC+9");
    expect(zoneAbbreviation("Asia/Kathmandu", Date.UTC(2026, 0, 1))).toBe("UTC+5:45");
  });
});

describe("describeInstant", () => {
  it("puts a 23:30 Chicago meeting on the next day for a viewer at UTC+05:30", () => {
    const at = Date.parse("2026-11-24T05:30:00Z"); // Monday 23:30 CST
    const meeting = describeInstant(at, "America/Chicago");
    const viewer = describeInstant(at, "Asia/Kolkata");
    expect(meeting).toMatchObject({
      date: "2026-11-23",
      time: "23:30",
      weekday: 1,
      abbr: "CST",
      local: "2026-11-23T23:30:00-06:00",
    });
    expect(viewer).toMatchObject({
      date: "2026-11-24",
      time: "11:00",
      weekday: 2,
      abbr: "IST",
      local: "2026-11-24T11:00:00+05:30",
    });
  });
});
