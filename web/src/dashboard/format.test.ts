import { describe, expect, it } from "vitest";
import {
  formatCents,
  formatClock,
  formatInstant,
  zoneAbbreviation,
  lastDayOf,
  parseMoneyToCents,
  shiftMonth,
  todayIn,
} from "./format";

describe("parseMoneyToCents", () => {
  it("reads whole amounts, one or two decimals and thousands separators", () => {
    expect(parseMoneyToCents("12")).toBe(1200);
    expect(parseMoneyToCents("12.5")).toBe(1250);
    expect(parseMoneyToCents(" 1,234.05 ")).toBe(123405);
    expect(parseMoneyToCents("0.10")).toBe(10);
  });
  it("refuses what is not an amount of money in cents", () => {
    for (const bad of ["", "abc", "10.005", "-5", "1e3", "12.", ".5", "1234567890"])
      expect(parseMoneyToCents(bad), bad).toBeNull();
  });
});

describe("dates and money", () => {
  it("formats cents in the locale", () => {
    expect(formatCents(123450, "USD", "en")).toBe("$1,234.50");
    expect(formatCents(500, "USD", "es")).toMatch(/5,00/);
  });
  it("shows the zone abbreviation", () => {
    expect(formatInstant("2026-01-05T13:00:00Z", "America/Chicago", "en")).toMatch(/7:00\s?AM CST/);
  });
  it("shows a wall-clock time in the reader's style", () => {
    expect(formatClock("19:00", "en")).toMatch(/^7:00\s?PM$/);
    expect(formatClock("07:30", "es")).toBe("7:30");
  });
  it("names a zone by its abbreviation at that moment", () => {
    expect(zoneAbbreviation("America/Chicago", "en", Date.parse("2026-01-05T13:00:00Z"))).toBe("CST");
    expect(zoneAbbreviation("America/Chicago", "en", Date.parse("2026-07-05T13:00:00Z"))).toBe("CDT");
  });
  it("walks months across year ends and knows month lengths", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-11", 2)).toBe("2027-01");
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
    expect(lastDayOf("2026-04")).toBe("2026-04-30");
  });
  it("takes today in the group's zone", () => {
    expect(todayIn("Asia/Kolkata", Date.parse("2026-03-01T20:00:00Z"))).toBe("2026-03-02");
    expect(todayIn("America/Chicago", Date.parse("2026-03-01T03:00:00Z"))).toBe("2026-02-28");
  });
});
