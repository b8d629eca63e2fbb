import { describe, expect, it } from "vitest";
import { type LoudSince, readSpeaking, SPEAKING, sameSpeakers } from "./speaking";

const levels = (entries: Record<string, number>) => new Map(Object.entries(entries));
const none: LoudSince = new Map();

describe("who is speaking, from audio levels", () => {
  it("marks a level at or above the threshold, not one below it", () => {
    const r = readSpeaking(none, levels({ ana: SPEAKING.threshold, bo: SPEAKING.threshold / 2 }), 1_000);
    expect([...r.speaking]).toEqual(["ana"]);
  });

  it("holds 'speaking' through a short pause between words, then lets it go", () => {
    let r = readSpeaking(none, levels({ ana: 0.3 }), 0);
    r = readSpeaking(r.loud, levels({ ana: 0 }), SPEAKING.holdMs);
    expect(r.speaking.has("ana")).toBe(true);
    r = readSpeaking(r.loud, levels({ ana: 0 }), SPEAKING.holdMs + 1);
    expect(r.speaking.has("ana")).toBe(false);
  });

  it("a loud reading restarts the hold", () => {
    let r = readSpeaking(none, levels({ ana: 0.3 }), 0);
    r = readSpeaking(r.loud, levels({ ana: 0.2 }), 500);
    r = readSpeaking(r.loud, levels({}), 500 + SPEAKING.holdMs);
    expect(r.speaking.has("ana")).toBe(true);
  });

  it("someone whose track went away (not in the levels) stops after the hold like silence", () => {
    let r = readSpeaking(none, levels({ ana: 0.5, bo: 0.5 }), 0);
    r = readSpeaking(r.loud, levels({ bo: 0.5 }), SPEAKING.holdMs + 1);
    expect([...r.speaking]).toEqual(["bo"]);
  });

  it("noise that never reaches the threshold never shows", () => {
    let r = readSpeaking(none, levels({ ana: 0.009 }), 0);
    for (let t = 100; t < 5_000; t += 100) r = readSpeaking(r.loud, levels({ ana: 0.009 }), t);
    expect(r.speaking.size).toBe(0);
  });

  it("compares readings by who is in them", () => {
    expect(sameSpeakers(new Set(["a", "b"]), new Set(["b", "a"]))).toBe(true);
    expect(sameSpeakers(new Set(["a"]), new Set(["a", "b"]))).toBe(false);
    expect(sameSpeakers(new Set(["a"]), new Set(["b"]))).toBe(false);
  });
});
