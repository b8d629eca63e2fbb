import { describe, expect, it } from "vitest";
import { gateMessage, retryAfterSeconds } from "./gate-answer";

describe("gateMessage", () => {
  it.each([
    [401, "bad_passcode", "join.error.badPasscode"],
    [403, "room_locked", "join.error.locked"],
    [403, "removed", "join.error.removed"],
    [403, "banned", "join.error.banned"],
    [409, "room_full", "join.error.full"],
    [409, "not_live", "join.error.notLive"],
    [428, "challenge_required", "join.error.challenge"],
    [403, "bad_challenge", "join.error.challengeFailed"],
    [403, "challenge_expired", "join.error.challengeFailed"],
    [403, "challenge_used", "join.error.challengeFailed"],
    [409, "name_taken", "join.error.nameTaken"],
    [500, "internal", "join.error.generic"],
  ])("%i %s → %s", (status, code, key) => expect(gateMessage(status, code, null).key).toBe(key));

  it("turns any 429 into a wait with the server's Retry-After", () => {
    expect(gateMessage(429, "too_many_guesses", "120")).toEqual({ key: "join.error.tooMany", retryAfterSeconds: 120 });
    expect(gateMessage(429, "rate_limited", null)).toEqual({ key: "join.error.tooMany", retryAfterSeconds: 60 });
  });

  it("carries how many passcode tries are left", () => {
    expect(gateMessage(401, "bad_passcode", null, undefined, 3)).toEqual({
      key: "join.error.badPasscode",
      attemptsLeft: 3,
    });
    expect(gateMessage(401, "bad_passcode", null)).toEqual({ key: "join.error.badPasscode", attemptsLeft: null });
  });

  it("names the field of a refused input", () => {
    expect(gateMessage(400, "invalid_request", null, [{ path: "json.displayName" }])).toEqual({
      key: "join.error.invalid",
      field: "displayName",
    });
  });
});

describe("retryAfterSeconds", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterSeconds("7")).toBe(7);
    expect(retryAfterSeconds(new Date(1_000_000 + 30_000).toUTCString(), 1_000_000)).toBe(30);
    expect(retryAfterSeconds("soon")).toBe(60);
  });
});
