import { describe, expect, it } from "vitest";
import { describeDays, toggleDay, weekdayNames, zonedInstant, zoneList } from "./schedule";

describe("schedule builder helpers", () => {
  it("names weekdays from Sunday in both languages", () => {
    expect(weekdayNames("en")[0]).toBe("Sunday");
    expect(weekdayNames("es")[1]).toBe("lunes");
  });
  it("toggles days sorted and without repeats", () => {
    expect(toggleDay([5, 1], 3)).toEqual([1, 3, 5]);
    expect(toggleDay([1, 3, 5], 3)).toEqual([1, 5]);
  });
  it("lists days in words", () => {
    expect(describeDays([1, 3, 5], "en")).toBe("Monday, Wednesday, and Friday");
  });
  it("knows the IANA zones and keeps an unknown preferred one", () => {
    expect(zoneList("America/Chicago")).toContain("Europe/London");
    // Some engines list Asia/Calcutta only: a group zone missing from the list still shows.
    expect(zoneList("Asia/Kolkata")).toContain("Asia/Kolkata");
    expect(zoneList("Etc/Unknown")[0]).toBe("Etc/Unknown");
  });
  it("turns a local wall time into the right instant on both sides of DST", () => {
    expect(new Date(zonedInstant("2026-03-07", "07:00", "America/Chicago")).toISOString()).toBe(
      "2026-03-07T13:00:00.000Z",
    );
    expect(new Date(zonedInstant("2026-03-09", "07:00", "America/Chicago")).toISOString()).toBe(
      "2026-03-09T12:00:00.000Z",
    );
    expect(new Date(zonedInstant("2026-06-01", "23:30", "Asia/Kolkata")).toISOString()).toBe(
      "2026-06-01T18:00:00.000Z",
    );
  });
});
