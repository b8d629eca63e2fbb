import { describe, expect, it } from "vitest";
import { minutesUntilSlip } from "./SlipControl";

describe("minutesUntilSlip", () => {
  it("counts down whole minutes from admission to the meeting's minimum; unknown before admission", () => {
    expect(minutesUntilSlip(45, 0, 0)).toBe(45);
    expect(minutesUntilSlip(45, 0, 44 * 60_000 + 59_999)).toBe(1);
    expect(minutesUntilSlip(45, 0, 45 * 60_000)).toBe(0);
    expect(minutesUntilSlip(0, 0, 0)).toBe(0);
    expect(minutesUntilSlip(45, null, 0)).toBeNull();
  });
});
