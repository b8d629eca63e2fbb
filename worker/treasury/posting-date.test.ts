import { describe, expect, it } from "vitest";
import { type PostingWindow, postingDateRefusal, postingWindow } from "./posting-date";

const window: PostingWindow = {
  firstDay: "2024-07-01",
  lockedThrough: { label: "FY2024-25", endsOn: "2025-06-30" },
  lastDay: "2027-06-30",
};

describe("postingDateRefusal", () => {
  it("locks every date on or before the end of a closed year, not only the dates inside it", () => {
    for (const date of ["2025-06-30", "2024-07-01", "2019-06-01", "0000-01-01"])
      expect(postingDateRefusal(date, window)?.code, date).toBe("period_closed");
    expect(postingDateRefusal("2025-07-01", window)).toBeNull();
  });
  it("refuses dates before the first fiscal year and far ahead", () => {
    const openBooks = { ...window, lockedThrough: null };
    expect(postingDateRefusal("2024-06-30", openBooks)).toMatchObject({ kind: "invalid", code: "date_out_of_range" });
    expect(postingDateRefusal("2024-07-01", openBooks)).toBeNull();
    expect(postingDateRefusal("2027-06-30", openBooks)).toBeNull();
    expect(postingDateRefusal("2027-07-01", openBooks)).toMatchObject({ kind: "invalid", code: "date_out_of_range" });
  });
  it("refuses impossible dates", () => {
    for (const date of [
      "2026-02-30",
      "2026-13-01",
      "0000-00-00",
      "2026-1-1",
      "+02026-01-01",
      "",
      "2026-07-01T00:00:00Z",
    ]) {
      expect(postingDateRefusal(date, window), date).toMatchObject({ kind: "invalid", code: "invalid_date" });
    }
  });
});

describe("postingWindow", () => {
  const group = { timezone: "America/Chicago", fiscalYearStartMonth: 7, createdAt: Date.UTC(2026, 2, 1) };
  const now = Date.UTC(2026, 10, 30, 12);
  it("starts at the fiscal year the group was created in and ends with the year after the current one", () => {
    expect(postingWindow(group, [], now)).toEqual({
      firstDay: "2025-07-01",
      lockedThrough: null,
      lastDay: "2028-06-30",
    });
  });
  it("starts earlier when an earlier year was opened, and is locked through the latest closed year", () => {
    const years = [
      { label: "FY2023-24", startsOn: "2023-07-01", endsOn: "2024-06-30", closedAt: 1 },
      { label: "FY2024-25", startsOn: "2024-07-01", endsOn: "2025-06-30", closedAt: 2 },
      { label: "FY2025-26", startsOn: "2025-07-01", endsOn: "2026-06-30", closedAt: null },
    ];
    expect(postingWindow(group, years, now)).toEqual({
      firstDay: "2023-07-01",
      lockedThrough: { label: "FY2024-25", endsOn: "2025-06-30" },
      lastDay: "2028-06-30",
    });
  });
  it("reads the creation day in the group's zone (11 pm in Chicago on June 30 is still the old year)", () => {
    const lateJune = { ...group, createdAt: Date.UTC(2026, 6, 1, 4) };
    expect(postingWindow(lateJune, [], now).firstDay).toBe("2025-07-01");
  });
});
