import { describe, expect, it } from "vitest";
import { MAX_SLIP_MIN_MINUTES, slipMinutesProblem } from "./slip-settings";

describe("a meeting's slip minimum as typed", () => {
  it("accepts whole minutes from 0 to the maximum, refuses the rest with a reason", () => {
    expect(slipMinutesProblem("0")).toBeNull();
    expect(slipMinutesProblem(" 45 ")).toBeNull();
    expect(slipMinutesProblem(String(MAX_SLIP_MIN_MINUTES))).toBeNull();
    expect(slipMinutesProblem(String(MAX_SLIP_MIN_MINUTES + 1))).toBe("range");
    for (const bad of ["", "-5", "4.5", "1e2", "ten", "0x10"]) expect(slipMinutesProblem(bad), bad).toBe("whole");
  });
});
