import { describe, expect, it } from "vitest";
import { endTimeOf, expandSchedule, localToInstant } from "./schedule";
import { describeInstant } from "./zones";

const iso = (t: number) => new Date(t).toISOString();

describe("localToInstant", () => {
  it("keeps 07:00 America/Chicago at 07:00 local on both sides of the March switch", () => {
    expect(iso(localToInstant("America/Chicago", "2026-03-07", "07:00"))).toBe("2026-03-07T13:00:00.000Z");
    expect(iso(localToInstant("America/Chicago", "2026-03-09", "07:00"))).toBe("2026-03-09T12:00:00.000Z");
  });

  it("shifts a time skipped by spring-forward to after the gap", () => {
    // 02:30 does not exist in Chicago on 2026-03-08; it becomes 03:30 CDT.
    const at = localToInstant("America/Chicago", "2026-03-08", "02:30");
    expect(iso(at)).toBe("2026-03-08T08:30:00.000Z");
    expect(describeInstant(at, "America/Chicago").time).toBe("03:30");
  });

  it("takes the first of two 01:30s when clocks fall back", () => {
    expect(iso(localToInstant("America/Chicago", "2026-11-01", "01:30"))).toBe("2026-11-01T06:30:00.000Z");
    expect(iso(localToInstant("Europe/London", "2026-10-25", "01:30"))).toBe("2026-10-25T00:30:00.000Z");
  });

  it("follows Europe/London and Australia/Sydney across their switches", () => {
    expect(iso(localToInstant("Europe/London", "2026-03-28", "19:00"))).toBe("2026-03-28T19:00:00.000Z");
    expect(iso(localToInstant("Europe/London", "2026-03-29", "19:00"))).toBe("2026-03-29T18:00:00.000Z");
    // Sydney leaves daylight time on 2026-04-05 and starts it again on 2026-10-04.
    expect(iso(localToInstant("Australia/Sydney", "2026-04-04", "10:00"))).toBe("2026-04-03T23:00:00.000Z");
    expect(iso(localToInstant("Australia/Sydney", "2026-04-05", "10:00"))).toBe("2026-04-05T00:00:00.000Z");
    expect(iso(localToInstant("Australia/Sydney", "2026-10-04", "10:00"))).toBe("2026-10-03T23:00:00.000Z");
  });

  it("handles Asia/Kolkata's half-hour offset", () => {
    expect(iso(localToInstant("Asia/Kolkata", "2026-07-01", "19:00"))).toBe("2026-07-01T13:30:00.000Z");
  });
});

describe("expandSchedule", () => {
  it("plans Mon/Wed/Fri 07:00 Chicago across the DST switch, 07:00 local every time", () => {
    const slots = expandSchedule(
      { days: [1, 3, 5], startTime: "07:00", durationMinutes: 60 },
      "America/Chicago",
      Date.UTC(2026, 2, 1),
      Date.UTC(2026, 2, 15),
    );
    expect(slots.map((s) => s.localDate)).toEqual([
      "2026-03-02",
      "2026-03-04",
      "2026-03-06",
      "2026-03-09",
      "2026-03-11",
      "2026-03-13",
    ]);
    for (const s of slots) {
      expect(describeInstant(s.startsAt, "America/Chicago").time).toBe("07:00");
      expect(s.endsAt - s.startsAt).toBe(3_600_000);
    }
    expect(new Date(slots[2]?.startsAt ?? 0).getUTCHours()).toBe(13);
    expect(new Date(slots[3]?.startsAt ?? 0).getUTCHours()).toBe(12);
  });

  it("includes only starts inside [from, to)", () => {
    const from = localToInstant("Asia/Kolkata", "2026-07-01", "19:00");
    const slots = expandSchedule(
      { days: [0, 1, 2, 3, 4, 5, 6], startTime: "19:00", durationMinutes: 90 },
      "Asia/Kolkata",
      from,
      from + 3 * 86_400_000,
    );
    expect(slots).toHaveLength(3);
    expect(slots[0]?.startsAt).toBe(from);
  });

  it("plans exactly 14 daily slots over 14 days", () => {
    const slots = expandSchedule(
      { days: [0, 1, 2, 3, 4, 5, 6], startTime: "23:30", durationMinutes: 60 },
      "Australia/Sydney",
      Date.UTC(2026, 8, 28),
      Date.UTC(2026, 9, 12),
    );
    expect(slots).toHaveLength(14);
    expect(new Set(slots.map((s) => s.localDate)).size).toBe(14);
  });
});

describe("endTimeOf", () => {
  it("wraps past midnight", () => {
    expect(endTimeOf("07:00", 60)).toBe("08:00");
    expect(endTimeOf("23:30", 90)).toBe("01:00");
  });
});
