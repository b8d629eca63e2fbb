import { describe, expect, it } from "vitest";
import { describeBothZones, formatCountdown, formatInZone } from "./time-format";

describe("formatInZone", () => {
  it("shows a Chicago 19:00 start at 10:00 next morning in Tokyo, with the label", () => {
    // 2026-11-21 19:00 CST = 2026-11-22 01:00 UTC = 2026-11-22 10:00 JST
    const at = "2026-11-22T01:00:00.000Z";
    expect(formatInZone(at, "Asia/Tokyo", "UTC+9", "en-US")).toBe("Sun, Nov 22, 10:00 AM UTC+9");
    expect(formatInZone(at, "America/Chicago", "CST", "en-US")).toBe("Sat, Nov 21, 7:00 PM CST");
  });

  it("speaks Spanish", () => {
    const text = formatInZone("2026-11-22T01:00:00.000Z", "America/Chicago", "CST", "es");
    expect(text).toMatch(/sáb/);
    expect(text).toMatch(/19:00 CST$/);
  });
});

describe("describeBothZones", () => {
  const at = "2026-11-22T01:00:00.000Z";
  const chicago = { date: "2026-11-21", time: "19:00", zone: "America/Chicago", abbr: "CST" };
  it("gives both readings when the zones differ", () => {
    const r = describeBothZones(
      at,
      { date: "2026-11-22", time: "10:00", zone: "Asia/Tokyo", abbr: "UTC+9" },
      chicago,
      "en-US",
    );
    expect(r.viewer).toContain("10:00 AM UTC+9");
    expect(r.meeting).toContain("7:00 PM CST");
  });
  it("gives one when the viewer is in the meeting's zone", () => {
    expect(describeBothZones(at, chicago, chicago, "en-US").meeting).toBeNull();
  });
});

describe("formatCountdown", () => {
  it.each([
    [0, "0:00"],
    [-5000, "0:00"],
    [59_001, "1:00"],
    [249_000, "4:09"],
    [3_909_000, "1:05:09"],
  ])("%i ms → %s", (ms, text) => expect(formatCountdown(ms)).toBe(text));
});
