import { describe, expect, it } from "vitest";
import { chatCutoff, isRetained, nextPurgeAt, welcomeChatSince } from "./retention";

const H = 3600_000;

describe("chat retention", () => {
  it("'end' keeps everything until the meeting ends, then nothing", () => {
    expect(chatCutoff("end", 10 * H, null)).toBeNull();
    expect(chatCutoff("end", 10 * H, 9 * H)).toBe(Number.POSITIVE_INFINITY);
    expect(isRetained("end", 8 * H, 10 * H, 9 * H)).toBe(false);
    expect(isRetained("end", 8 * H, 10 * H, null)).toBe(true);
  });

  it("'24h' and '7d' keep each message for that long", () => {
    expect(chatCutoff("24h", 30 * H, null)).toBe(6 * H);
    expect(isRetained("24h", 5 * H, 30 * H, null)).toBe(false);
    expect(isRetained("24h", 7 * H, 30 * H, 29 * H)).toBe(true);
    expect(isRetained("7d", 5 * H, 30 * H, null)).toBe(true);
  });

  it("schedules the next purge from the oldest message", () => {
    expect(nextPurgeAt("24h", 1 * H, null)).toBe(25 * H);
    expect(nextPurgeAt("7d", 0, null)).toBe(168 * H);
    expect(nextPurgeAt("end", 1 * H, null)).toBeNull();
    expect(nextPurgeAt("end", 1 * H, 2 * H)).toBe(2 * H);
    expect(nextPurgeAt("24h", null, null)).toBeNull();
  });
});

describe("what a latecomer's welcome carries", () => {
  const attendee = { role: "attendee" as const, admittedAt: 5 * H };
  it("nothing from before an attendee was admitted, unless the meeting allows it", () => {
    expect(welcomeChatSince(null, false, attendee)).toBe(5 * H);
    expect(welcomeChatSince(null, true, attendee)).toBe(0);
  });
  it("never more than retention keeps, and hosts get all that is kept", () => {
    expect(welcomeChatSince(6 * H, true, attendee)).toBe(6 * H);
    expect(welcomeChatSince(6 * H, false, attendee)).toBe(6 * H);
    expect(welcomeChatSince(null, false, { role: "host", admittedAt: 5 * H })).toBe(0);
    expect(welcomeChatSince(Number.POSITIVE_INFINITY, false, { role: "host", admittedAt: 5 * H })).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });
});
