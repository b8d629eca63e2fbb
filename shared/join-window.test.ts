import { describe, expect, it } from "vitest";
import { EARLY_JOIN_MS, isJoinOpen, joinOpensAt } from "./join-window";

const START = Date.UTC(2030, 0, 7, 19);
const scheduled = { status: "scheduled", startsAt: START, endsAt: START + 3_600_000 };

describe("the early-join window", () => {
  it("opens exactly 15 minutes before the start and closes at the end", () => {
    expect(joinOpensAt(START)).toBe(START - EARLY_JOIN_MS);
    expect(isJoinOpen(scheduled, START - EARLY_JOIN_MS - 1)).toBe(false);
    expect(isJoinOpen(scheduled, START - EARLY_JOIN_MS)).toBe(true);
    expect(isJoinOpen(scheduled, START + 3_600_000 - 1)).toBe(true);
    expect(isJoinOpen(scheduled, START + 3_600_000)).toBe(false);
  });
  it("is always open while live and never for cancelled or ended occurrences", () => {
    expect(isJoinOpen({ ...scheduled, status: "live" }, START - 5 * EARLY_JOIN_MS)).toBe(true);
    expect(isJoinOpen({ ...scheduled, status: "cancelled" }, START)).toBe(false);
    expect(isJoinOpen({ ...scheduled, status: "ended" }, START)).toBe(false);
  });
});
