import { describe, expect, it } from "vitest";
import type { Member } from "../rooms/moderation";
import { giveFloor, INITIAL_VOICE, returnFloor, speakRefusal, withMode, withSpeaker } from "./floor";

const attendee = (over: Partial<Member> = {}): Member => ({
  id: "a",
  role: "attendee",
  status: "admitted",
  muted: false,
  canSelfUnmute: false,
  ...over,
});
const host: Member = { id: "h", role: "host", status: "admitted", muted: false, canSelfUnmute: false };
const code = (r: { code: string } | null) => r?.code ?? null;

describe("speakRefusal", () => {
  it("open mic: anyone admitted and not muted by a host", () => {
    const open = { mode: "open" as const, floor: null };
    expect(speakRefusal(attendee(), open, true)).toBeNull();
    expect(code(speakRefusal(attendee({ muted: true }), open, true))).toBe("muted_by_host");
    expect(code(speakRefusal(attendee({ muted: true, canSelfUnmute: true }), open, true))).toBe("muted");
    expect(code(speakRefusal(attendee({ status: "waiting" }), open, true))).toBe("not_admitted");
    expect(code(speakRefusal(attendee(), open, false))).toBe("not_admitted");
  });

  it("raise hand: only the floor holder among attendees; hosts always", () => {
    const raise = { mode: "raise_hand" as const, floor: "b" };
    expect(code(speakRefusal(attendee(), raise, true))).toBe("no_floor");
    expect(speakRefusal(attendee({ id: "b" }), raise, true)).toBeNull();
    expect(code(speakRefusal(attendee({ id: "b", muted: true }), raise, true))).toBe("muted_by_host");
    expect(speakRefusal(host, raise, true)).toBeNull();
  });

  it("host only: attendees never", () => {
    expect(code(speakRefusal(attendee(), { mode: "host_only", floor: null }, true))).toBe("host_only");
    expect(speakRefusal(host, { mode: "host_only", floor: null }, true)).toBeNull();
  });
});

describe("floor state", () => {
  it("gives, returns, switches mode (leaving raise-hand drops the floor)", () => {
    const raise = withMode(INITIAL_VOICE, "raise_hand");
    const given = giveFloor(raise, "a");
    expect(given.floor).toBe("a");
    expect(returnFloor(given).floor).toBeNull();
    expect(returnFloor(raise)).toBe(raise);
    expect(withMode(given, "open").floor).toBeNull();
    expect(withMode(given, "raise_hand").floor).toBe("a");
  });

  it("tracks speakers once each; unchanged returns the same object", () => {
    const one = withSpeaker(INITIAL_VOICE, "a", true);
    expect(one.speakers).toEqual(["a"]);
    expect(withSpeaker(one, "a", true)).toBe(one);
    expect(withSpeaker(one, "a", false).speakers).toEqual([]);
  });
});
