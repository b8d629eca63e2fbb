import { describe, expect, it } from "vitest";
import { viewerRanges } from "./time-of-day";

const iso = (r: [number, number][]) => r.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()]);

describe("viewerRanges", () => {
  const from = Date.parse("2026-11-21T12:00:00Z"); // Saturday
  const to = from + 7 * 86_400_000;

  it("is the whole window without filters", () => {
    expect(viewerRanges("UTC", from, to, {})).toEqual([[from, to]]);
  });

  it("selects one weekday in the viewer's zone", () => {
    // Monday in Kolkata is 2026-11-22T18:30Z .. 2026-11-23T18:30Z.
    expect(iso(viewerRanges("Asia/Kolkata", from, to, { day: 1 }))).toEqual([
      ["2026-11-22T18:30:00.000Z", "2026-11-23T18:30:00.000Z"],
    ]);
  });

  it("splits night into the small hours and the late evening of the same day", () => {
    expect(iso(viewerRanges("UTC", from, to, { day: 2, timeOfDay: "night" }))).toEqual([
      ["2026-11-24T00:00:00.000Z", "2026-11-24T04:00:00.000Z"],
      ["2026-11-24T21:00:00.000Z", "2026-11-25T00:00:00.000Z"],
    ]);
  });

  it("clips to the window and merges night across midnight", () => {
    const ranges = viewerRanges("UTC", from, to, { timeOfDay: "night" });
    expect(iso(ranges)[0]).toEqual(["2026-11-21T21:00:00.000Z", "2026-11-22T04:00:00.000Z"]);
    expect(ranges.at(-1)?.[1]).toBeLessThanOrEqual(to);
  });

  it("keeps morning, midday and evening apart", () => {
    const day = { day: 1 };
    const m = viewerRanges("America/Chicago", from, to, { ...day, timeOfDay: "morning" });
    const d = viewerRanges("America/Chicago", from, to, { ...day, timeOfDay: "midday" });
    const e = viewerRanges("America/Chicago", from, to, { ...day, timeOfDay: "evening" });
    expect(iso(m)).toEqual([["2026-11-23T10:00:00.000Z", "2026-11-23T18:00:00.000Z"]]);
    expect(m[0]?.[1]).toBe(d[0]?.[0]);
    expect(d[0]?.[1]).toBe(e[0]?.[0]);
  });
});
