import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, dayBefore, fiscalYearFor, fiscalYearStartingIn, monthBounds, todayIn } from "./fiscal-year";

describe("fiscal years", () => {
  it("calendar-year groups", () => {
    expect(fiscalYearStartingIn(2026, 1)).toEqual({ label: "FY2026", startsOn: "2026-01-01", endsOn: "2026-12-31" });
    expect(fiscalYearFor("2026-11-21", 1).label).toBe("FY2026");
  });
  it("July-start groups span two calendar years", () => {
    expect(fiscalYearStartingIn(2026, 7)).toEqual({ label: "FY2026-27", startsOn: "2026-07-01", endsOn: "2027-06-30" });
    expect(fiscalYearFor("2026-06-30", 7).startsOn).toBe("2025-07-01");
    expect(fiscalYearFor("2026-07-01", 7).startsOn).toBe("2026-07-01");
  });
  it("March-start years end on the right February day in leap years", () => {
    expect(fiscalYearStartingIn(2027, 3).endsOn).toBe("2028-02-29");
    expect(fiscalYearStartingIn(2026, 3).endsOn).toBe("2027-02-28");
  });
  it("every date falls inside the fiscal year computed for it, for every start month", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: 1, max: 12 }),
        (ms, startMonth) => {
          const date = new Date(ms).toISOString().slice(0, 10);
          const fy = fiscalYearFor(date, startMonth);
          expect(fy.startsOn <= date && date <= fy.endsOn).toBe(true);
          expect(dayBefore(fiscalYearStartingIn(Number(fy.startsOn.slice(0, 4)) + 1, startMonth).startsOn)).toBe(
            fy.endsOn,
          );
        },
      ),
    );
  });
  it("refuses a bad start month", () => {
    expect(() => fiscalYearStartingIn(2026, 13)).toThrow(RangeError);
  });
});

describe("month helpers", () => {
  it("bounds and offsets", () => {
    expect(monthBounds("2026-02")).toEqual({ first: "2026-02-01", last: "2026-02-28" });
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-11", 3)).toBe("2027-02");
  });
});

describe("todayIn", () => {
  const lateNovemberInChicago = Date.parse("2026-12-01T05:30:00Z"); // 23:30 on Nov 30 in Chicago (UTC−6)
  it("is the group's local date, not UTC's", () => {
    expect(todayIn("America/Chicago", lateNovemberInChicago)).toBe("2026-11-30");
    expect(todayIn("UTC", lateNovemberInChicago)).toBe("2026-12-01");
    expect(todayIn("Asia/Tokyo", Date.parse("2026-11-30T16:00:00Z"))).toBe("2026-12-01");
  });
  it("falls back to UTC for a zone it does not know", () => {
    expect(todayIn("Mars/Olympus_Mons", lateNovemberInChicago)).toBe("2026-12-01");
  });
});
