import { describe, expect, it } from "vitest";
import { authorize, INITIAL_STATE, lowerHand, type Member, muteAllTargets, raiseHand, selfUnmuteRefusal, suspendAll, withTimer } from "./moderation";

const m = (id: string, over: Partial<Member> = {}): Member => ({ id, role: "attendee", status: "admitted", muted: false, canSelfUnmute: false, ...over });
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
