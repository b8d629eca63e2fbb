import { describe, expect, it } from "vitest";
import {
  admit,
  admitAll,
  end,
  flagWords,
  lock,
  messageWaiting,
  muteAll,
  removeFromRoom,
  rename,
  resume,
  SUSPENDED_FROM,
  sendToWaiting,
  suspend,
  timer,
} from "./host-actions";
import type { Effect } from "./effect";
import { INITIAL_STATE } from "./moderation";
import { row } from "../../test/room-rows";

describe("host actions decide, the room applies", () => {
  it("admit lets the person in, welcomes them, updates roster and waiting list, and is audited", () => {
    const e = admit(row("w", { status: "waiting" }), 1_000);
    expect(e.patches).toEqual([{ id: "w", patch: { status: "admitted", admittedAt: 1_000 } }]);
    expect(e.direct).toEqual([{ to: "w", message: { type: "admitted" } }]);
    expect(e).toMatchObject({
      welcome: ["w"],
      roster: ["w"],
      waiting: true,
      audit: [{ action: "admit", targetId: "w" }],
    });
    expect(admitAll([row("a"), row("b")], 5).audit).toEqual([
      { action: "admit", targetId: "a" },
      { action: "admit", targetId: "b" },
    ]);
  });

  it("a ban keeps the person out by every key, lowers their hand, tells hosts only and bans from the meeting", () => {
    const state = { ...INITIAL_STATE, hands: ["x", "y"] };
    const e = removeFromRoom("ban", row("x"), state);
    expect(e.keepOut).toMatchObject({ ban: true, guard: true });
    expect(e.state?.hands).toEqual(["y"]);
    expect(e.disconnect).toEqual([{ id: "x", message: { type: "removed", reason: "banned" } }]);
    expect(e.broadcast).toEqual([
      { audience: "hosts", message: { type: "moderation", action: "ban", participantId: "x" } },
    ]);
    const denied = removeFromRoom("deny", row("w", { status: "waiting" }), INITIAL_STATE);
    expect(denied.keepOut).toMatchObject({ ban: false, guard: false });
    expect(denied.state).toBeUndefined();
  });

  it("send to waiting resets presence and shows the greeter", () => {
    const e = sendToWaiting(row("x"), INITIAL_STATE, "Hello");
    expect(e.patches).toEqual([{ id: "x", patch: { status: "waiting", admittedAt: null } }]);
    expect(e.direct).toEqual([{ to: "x", message: { type: "waiting", message: "Hello" } }]);
  });

  it("mute all spares hosts; suspend all also locks and turns chat off; lock audits lock or unlock", () => {
    const people = [row("h", { role: "host" }), row("a"), row("b")];
    expect(muteAll(people, true).patches).toEqual([
      { id: "a", patch: { muted: true, canSelfUnmute: true } },
      { id: "b", patch: { muted: true, canSelfUnmute: true } },
    ]);
    const s = suspend(INITIAL_STATE, people, null);
    expect(s.state).toMatchObject({ locked: true, chatMode: "off" });
    expect(s.audit).toEqual([{ action: "suspendAll", targetId: null }]);
    expect(lock(INITIAL_STATE, false).audit).toEqual([{ action: "unlock", targetId: null }]);
  });

  it("suspend all keeps the room as it was for resume, once: a second suspend keeps the first snapshot", () => {
    const people = [row("h", { role: "host" }), row("a", { muted: true, canSelfUnmute: true }), row("b")];
    const before = { ...INITIAL_STATE, locked: true, chatMode: "hosts" as const };
    const first = suspend(before, people, null);
    const kept = {
      locked: true,
      chatMode: "hosts" as const,
      mutes: { a: { muted: true, canSelfUnmute: true }, b: { muted: false, canSelfUnmute: false } },
    };
    expect(first.meta).toEqual([{ key: SUSPENDED_FROM, value: kept }]);
    expect(first.state?.suspended).toBe(true);
    const second = suspend(first.state ?? INITIAL_STATE, people, kept);
    expect(second.meta).toBeUndefined();
  });

  it("resume restores each snapshot attendee still in the room, clears the snapshot, and announces and audits once", () => {
    const snapshot = {
      locked: false,
      chatMode: "everyone" as const,
      mutes: {
        a: { muted: false, canSelfUnmute: false },
        b: { muted: true, canSelfUnmute: true },
        gone: { muted: false, canSelfUnmute: false },
        promoted: { muted: false, canSelfUnmute: false },
      },
    };
    const now = [
      row("a", { muted: true }),
      row("b", { muted: true }),
      row("gone", { status: "removed" }),
      row("promoted", { role: "host" }),
    ];
    const suspended = { ...INITIAL_STATE, locked: true, chatMode: "off" as const, suspended: true, hands: ["a"] };
    const e = resume(suspended, snapshot, now) as Effect;
    expect(e.patches).toEqual([
      { id: "a", patch: { muted: false, canSelfUnmute: false } },
      { id: "b", patch: { muted: true, canSelfUnmute: true } },
    ]);
    expect(e.state).toEqual({ ...INITIAL_STATE, hands: ["a"], suspended: false });
    expect(e.meta).toEqual([{ key: SUSPENDED_FROM, value: null }]);
    expect(e.roster).toEqual(["a", "b"]);
    expect(e.broadcast).toEqual([
      { audience: "admitted", message: { type: "moderation", action: "resume", participantId: null } },
    ]);
    expect(e.audit).toEqual([{ action: "resume", targetId: null }]);
  });

  it("resume without a suspend is refused and changes nothing", () => {
    expect(resume(INITIAL_STATE, null, [])).toEqual({ code: "not_suspended", message: "The meeting is not suspended" });
  });
});

describe("host settings and the meeting's end decide, the room applies", () => {
  it("rename applies the display-name rule: another host's name or an empty one is refused, changing nothing", () => {
    expect(rename(row("x"), "  Sam  ", ["Pat"])).toMatchObject({
      patches: [{ id: "x", patch: { name: "Sam" } }],
      audit: [{ action: "rename", targetId: "x" }],
    });
    expect(rename(row("x"), "Pat", ["Pat"])).toMatchObject({ code: "invalid_name" });
    expect(rename(row("x"), "   ", [])).toMatchObject({ code: "invalid_name" });
  });

  it("the waiting room's greeting is kept and shown to everyone waiting now", () => {
    expect(messageWaiting([row("w1"), row("w2")], "Soon")).toEqual({
      meta: [{ key: "greeter", value: "Soon" }],
      direct: [
        { to: "w1", message: { type: "waiting", message: "Soon" } },
        { to: "w2", message: { type: "waiting", message: "Soon" } },
      ],
    });
  });

  it("the share timer sets the state, tells the room its deadline and wakes the alarm; null clears it", () => {
    const started = timer(INITIAL_STATE, 90, 1_000);
    expect(started.state?.timer).toEqual({ endsAt: 91_000, seconds: 90 });
    expect(started.broadcast).toEqual([
      { audience: "admitted", message: { type: "timer", endsAt: 91_000, seconds: 90, ended: false } },
    ]);
    expect(started.alarm).toBe(true);
    const cleared = timer(started.state!, null, 2_000);
    expect(cleared.state?.timer).toBeNull();
    expect(cleared.broadcast?.[0]?.message).toEqual({ type: "timer", endsAt: null, seconds: null, ended: false });
  });

  it("flag words replace the room's list; end is audited and ends the meeting", () => {
    expect(flagWords(["zelle"])).toEqual({ meta: [{ key: "flagWords", value: ["zelle"] }] });
    expect(end()).toEqual({ audit: [{ action: "end", targetId: null }], end: "host" });
  });
});
