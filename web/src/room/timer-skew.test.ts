import { describe, expect, it } from "vitest";
import { formatCountdown } from "../attendee/time-format";
import { shareTimeLeftMs, timerSkewMs } from "./timer-skew";

describe("share timer skew", () => {
  it("takes off the surplus when this clock runs behind the room's (a 3:00 timer never shows 3:04)", () => {
    expect(timerSkewMs({ endsAt: 184_000, seconds: 180 }, 0)).toBe(4_000);
  });
  it("leaves a timer that was set a while ago alone", () => {
    expect(timerSkewMs({ endsAt: 100_000, seconds: 180 }, 0)).toBe(0);
  });
  it("is zero without a timer", () => {
    expect(timerSkewMs(null, 0)).toBe(0);
  });
});

describe("share time left", () => {
  const oneMinute = { endsAt: 60_000, seconds: 60 };
  it("a 1-minute timer first shows 1:00 even when the render's clock is a tick old", () => {
    // `now` from the last tick (or from before the timer started) lies before the room's start.
    expect(formatCountdown(shareTimeLeftMs(oneMinute, 0, -700))).toBe("1:00");
    expect(formatCountdown(shareTimeLeftMs(oneMinute, 0, -45_000))).toBe("1:00");
  });
  it("counts down by whole seconds, rounding up, and stops at 0:00", () => {
    expect(formatCountdown(shareTimeLeftMs(oneMinute, 0, 1))).toBe("1:00");
    expect(formatCountdown(shareTimeLeftMs(oneMinute, 0, 1_000))).toBe("0:59");
    expect(formatCountdown(shareTimeLeftMs(oneMinute, 0, 59_999))).toBe("0:01");
    expect(formatCountdown(shareTimeLeftMs(oneMinute, 0, 61_000))).toBe("0:00");
  });
  it("takes the measured skew off", () => {
    expect(shareTimeLeftMs({ endsAt: 64_000, seconds: 60 }, 4_000, 30_000)).toBe(30_000);
  });
});
