import { describe, expect, it } from "vitest";
import { row } from "../../test/room-rows";
import { applyEffect, combine, type Effect } from "./effect";
import type { RoomIO } from "./handlers";
import { INITIAL_STATE } from "./moderation";

/**
 * A RoomIO that only writes down which of its methods (and its store's) were called, in order:
 * enough to pin the one apply order; what each call does is the worker tests' (real Durable Objects).
 */
function recordingIO(): { io: RoomIO; calls: string[] } {
  const calls: string[] = [];
  const recorder = (prefix: string): object =>
    new Proxy(
      {},
      {
        get: (_t, name) =>
          name === "then" ? undefined : (..._args: unknown[]) => void calls.push(`${prefix}${String(name)}`),
      },
    );
  const store = recorder("store.");
  const io = new Proxy(recorder(""), { get: (t, name) => (name === "store" ? store : Reflect.get(t, name)) });
  return { io: io as RoomIO, calls };
}

const message = { type: "slip.pending" } as const;
const claims = {} as NonNullable<Effect["slip"]>["claims"];

/** Every field, listed in the reverse of the documented order. */
const everything: Effect = {
  end: "host",
  slip: { to: "a", claims },
  audit: [{ action: "mute", targetId: "a" }],
  alarm: true,
  hostQueues: ["reports"],
  records: [{ kind: "deleteMessage", messageId: "m" }],
  broadcast: [{ audience: "admitted", message }],
  waiting: true,
  roster: ["a"],
  disconnect: [{ id: "a", message }],
  welcome: ["a"],
  direct: [{ to: "a", message }],
  stage: INITIAL_STATE,
  state: INITIAL_STATE,
  refresh: ["a"],
  keepOut: { target: row("a"), ban: false, guard: false },
  meta: [{ key: "greeter", value: "hi" }],
  patches: [{ id: "a", patch: { muted: true } }],
};

describe("applyEffect", () => {
  it("applies every effect in the one documented order, whatever order the rule wrote it in", async () => {
    const { io, calls } = recordingIO();
    await applyEffect(io, row("h", { role: "host" }), everything);
    expect(calls).toEqual([
      "store.updateParticipant",
      "store.setMeta",
      "store.addRemoval",
      "store.addRemoval",
      "refreshConnections",
      "setState",
      "stageState",
      "sendTo",
      "welcome",
      "disconnect",
      "rosterChanged",
      "waitingChanged",
      "broadcast",
      "store.deleteMessage",
      "store.reports",
      "broadcast",
      "scheduleAlarm",
      "audit",
      "signSlip",
      "sendTo",
      "end",
    ]);
  });

  it("combine concatenates lists in order and keeps the later single values", () => {
    const a: Effect = { roster: ["a"], records: [{ kind: "deleteMessage", messageId: "1" }], waiting: true };
    const b: Effect = { roster: ["b"], alarm: true, state: { ...INITIAL_STATE, locked: true } };
    expect(combine(a, b, { state: INITIAL_STATE })).toEqual({
      roster: ["a", "b"],
      records: [{ kind: "deleteMessage", messageId: "1" }],
      waiting: true,
      alarm: true,
      state: INITIAL_STATE,
    });
  });
});
