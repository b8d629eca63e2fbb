import { describe, expect, it } from "vitest";
import {
  authorize,
  INITIAL_STATE,
  lowerHand,
  type Member,
  muteAllTargets,
  raiseHand,
  resumedState,
  selfUnmuteRefusal,
  suspendAll,
  suspendSnapshot,
  withTimer,
} from "./moderation";

const m = (id: string, over: Partial<Member> = {}): Member => ({
  id,
  role: "attendee",
  status: "admitted",
  muted: false,
  canSelfUnmute: false,
  ...over,
});
const host = m("h", { role: "host" });
const cohost = m("c", { role: "host" });
const alice = m("a");

describe("authorize", () => {
  it("lets anyone admitted chat and react, but only hosts moderate", () => {
    expect(authorize(alice, "chat.send", null)).toBeNull();
    expect(authorize(alice, "host.mute", m("b"))?.code).toBe("forbidden");
    expect(authorize(m("w", { status: "waiting" }), "chat.send", null)?.code).toBe("not_admitted");
  });

  it("lets hosts act on attendees but not on other hosts or themselves", () => {
    expect(authorize(host, "host.remove", alice)).toBeNull();
    expect(authorize(host, "host.ban", cohost)?.code).toBe("target_is_host");
    expect(authorize(host, "host.mute", host)?.code).toBe("forbidden");
    expect(authorize(host, "host.demote", cohost)).toBeNull();
    expect(authorize(host, "host.demote", host)?.code).toBe("forbidden");
  });

  it("admits and denies only waiting participants", () => {
    expect(authorize(host, "host.admit", m("w", { status: "waiting" }))).toBeNull();
    expect(authorize(host, "host.admit", alice)?.code).toBe("not_waiting");
    expect(authorize(host, "host.sendToWaiting", alice)).toBeNull();
  });

  it("promotes only attendees in the room; demotes only other hosts", () => {
    expect(authorize(host, "host.promote", alice)).toBeNull();
    expect(authorize(host, "host.promote", cohost)?.code).toBe("already_host");
    expect(authorize(host, "host.promote", m("w", { status: "waiting" }))?.code).toBe("not_admitted");
    expect(authorize(host, "host.demote", alice)?.code).toBe("not_host");
  });

  it("lets only hosts act on another's hand or message, and no host confirm their own slip", () => {
    expect(authorize(alice, "hand.lower", null, { ownerId: "a" })).toBeNull();
    expect(authorize(alice, "hand.lower", null, { ownerId: "b" })?.code).toBe("forbidden");
    expect(authorize(host, "hand.lower", null, { ownerId: "b" })).toBeNull();
    expect(authorize(alice, "chat.delete", null, { ownerId: "a" })).toBeNull();
    expect(authorize(alice, "chat.delete", null, { ownerId: "b" })?.code).toBe("forbidden");
    expect(authorize(host, "chat.delete", null, { ownerId: "b" })).toBeNull();
    expect(authorize(alice, "slip.confirm", null, { ownerId: "b" })?.code).toBe("forbidden");
    expect(authorize(host, "slip.confirm", null, { ownerId: "h" })?.code).toBe("forbidden");
    expect(authorize(host, "slip.confirm", null, { ownerId: "a" })).toBeNull();
  });

  it("lets someone unmute themselves only after a mute-all that allowed it", () => {
    expect(authorize(alice, "self.unmute", null)).toBeNull();
    expect(authorize(m("x", { muted: true }), "self.unmute", null)?.code).toBe("forbidden");
    expect(authorize(m("x", { muted: true, canSelfUnmute: true }), "self.unmute", null)).toBeNull();
  });

  it("refuses targets that are gone", () => {
    expect(authorize(host, "host.mute", null)?.code).toBe("no_participant");
    expect(authorize(host, "host.unmute", m("r", { status: "removed" }))?.code).toBe("no_participant");
  });
});

describe("room state transitions", () => {
  it("suspend all locks the room and turns chat off", () => {
    expect(suspendAll(INITIAL_STATE)).toMatchObject({ locked: true, chatMode: "off" });
  });

  it("mute all targets admitted attendees only", () => {
    expect(muteAllTargets([host, alice, m("w", { status: "waiting" })])).toEqual(["a"]);
  });

  it("keeps raised hands in order, once each", () => {
    let s = raiseHand(INITIAL_STATE, "a");
    s = raiseHand(s, "b");
    s = raiseHand(s, "a");
    expect(s.hands).toEqual(["a", "b"]);
    expect(lowerHand(s, "a").hands).toEqual(["b"]);
  });

  it("sets the timer as a deadline", () => {
    expect(withTimer(INITIAL_STATE, 180, 1000).timer).toEqual({ endsAt: 181_000, seconds: 180 });
    expect(withTimer(INITIAL_STATE, null, 1000).timer).toBeNull();
  });

  it("self-unmute only when the host allowed it", () => {
    expect(selfUnmuteRefusal(m("x", { muted: true, canSelfUnmute: true }))).toBeNull();
    expect(selfUnmuteRefusal(m("x", { muted: true }))?.code).toBe("forbidden");
  });
});

describe("suspend and resume", () => {
  it("the snapshot keeps the lock, chat mode and the mutes of the attendees suspend all mutes", () => {
    const state = { ...INITIAL_STATE, locked: true, chatMode: "hosts" as const };
    const muted = m("b", { muted: true, canSelfUnmute: true });
    const snapshot = suspendSnapshot(state, [host, alice, muted, m("w", { status: "waiting" })]);
    expect(snapshot).toEqual({
      locked: true,
      chatMode: "hosts",
      mutes: { a: { muted: false, canSelfUnmute: false }, b: { muted: true, canSelfUnmute: true } },
    });
  });
  it("resume puts the lock and chat mode back and keeps hands and the timer as they are now", () => {
    const suspended = { ...suspendAll(INITIAL_STATE), hands: ["a"] };
    expect(suspended.suspended).toBe(true);
    expect(resumedState(suspended, { locked: false, chatMode: "everyone", mutes: {} })).toEqual({
      locked: false,
      chatMode: "everyone",
      timer: null,
      hands: ["a"],
      suspended: false,
    });
  });
});
