import { describe, expect, it } from "vitest";
import type { Participant, ServerMessage } from "#shared/room-protocol";
import { CHAT_KEEP, composerBlock, initialRoomView, type RoomView, roomReducer } from "./room-state";

const me: Participant = { id: "p_me", name: "Ana", role: "attendee", muted: false, canSelfUnmute: false };
const host: Participant = { id: "p_host", name: "Hana", role: "host", muted: false, canSelfUnmute: false };
const state = { locked: false, chatMode: "everyone" as const, timer: null, hands: [] };
const welcome: ServerMessage = {
  type: "welcome",
  self: me,
  roster: [me, host],
  rosterSummary: { total: 2, hosts: 1 },
  state,
  chat: [],
  conference: null,
};
const run = (...msgs: ServerMessage[]): RoomView => msgs.reduce(roomReducer, initialRoomView);

describe("roomReducer", () => {
  it("goes from waiting to admitted to in the room", () => {
    expect(run({ type: "waiting", message: "Welcome" })).toMatchObject({ phase: "waiting", waitingMessage: "Welcome" });
    expect(run({ type: "waiting", message: "Welcome" }, { type: "admitted" }, welcome).phase).toBe("in");
  });

  it("applies roster changes, including to myself", () => {
    const v = run(welcome, {
      type: "roster",
      changes: [
        { op: "upsert", participant: { ...me, muted: true } },
        { op: "remove", participantId: "p_host" },
      ],
    });
    expect(v.self?.muted).toBe(true);
    expect(v.roster.map((p) => p.id)).toEqual(["p_me"]);
    expect(composerBlock(v)).toBe("muted");
  });

  it("tracks my slip (minimum and presence from the welcome, then pending, then issued) and the host's request list", () => {
    const v = run({ ...welcome, slip: { minMinutes: 0, presentSince: 1_000 } }, { type: "slip.pending" });
    expect(v.slip).toEqual({ minMinutes: 0, presentSince: 1_000, status: "pending", token: null });
    expect(roomReducer(v, { type: "slip.issued", token: "a.b.c" }).slip).toMatchObject({
      status: "issued",
      token: "a.b.c",
    });
    expect(run(welcome).slip).toEqual(initialRoomView.slip);
    expect(
      run(welcome, { type: "slip.requests", requests: [{ participantId: "p_me", name: "Ana", at: 5 }] }).slipRequests,
    ).toEqual([{ participantId: "p_me", name: "Ana", at: 5 }]);
  });

  it("keeps chat without duplicates, bounded, and drops deleted messages", () => {
    const m = (i: number): ServerMessage => ({
      type: "chat.message",
      message: { id: `m${i}`, participantId: "p_host", name: "Hana", text: `hi ${i}`, at: i },
    });
    let v = run(welcome, m(1), m(1), m(2), { type: "chat.deleted", messageId: "m1" });
    expect(v.chat.map((c) => c.id)).toEqual(["m2"]);
    for (let i = 3; i < CHAT_KEEP + 10; i++) v = roomReducer(v, m(i));
    expect(v.chat).toHaveLength(CHAT_KEEP);
  });

  it("says when a moderation action is about me, and names others", () => {
    expect(run(welcome, { type: "moderation", action: "mute", participantId: "p_me" }).notice).toMatchObject({
      kind: "moderation",
      action: "mute",
      aboutMe: true,
    });
    expect(run(welcome, { type: "moderation", action: "promote", participantId: "p_host" }).notice).toMatchObject({
      aboutMe: false,
      name: "Hana",
    });
  });

  it("ends in removed or ended", () => {
    expect(run(welcome, { type: "removed", reason: "banned" })).toMatchObject({
      phase: "removed",
      removedReason: "banned",
    });
    expect(run(welcome, { type: "ended", reason: "host" })).toMatchObject({ phase: "ended", endedReason: "host" });
  });

  it("blocks the composer by chat mode, but never a host's in hosts-only mode", () => {
    const hostsOnly: ServerMessage = { type: "state", state: { ...state, chatMode: "hosts" } };
    expect(composerBlock(run(welcome, hostsOnly))).toBe("hostsOnly");
    expect(composerBlock(run({ ...welcome, self: host }, hostsOnly))).toBeNull();
    expect(composerBlock(run(welcome, { type: "state", state: { ...state, chatMode: "off" } }))).toBe("chatOff");
  });

  it("clears the timer and tells everyone when it ends", () => {
    const v = run(welcome, { type: "timer", endsAt: 5_000, seconds: 60, ended: false });
    expect(v.state.timer).toEqual({ endsAt: 5_000, seconds: 60 });
    const done = roomReducer(v, { type: "timer", endsAt: null, seconds: null, ended: true });
    expect(done.state.timer).toBeNull();
    expect(done.notice?.kind).toBe("timerEnded");
  });
});
