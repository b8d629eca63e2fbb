import { describe, expect, it } from "vitest";
import { timerSkewMs } from "./timer-skew";

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
