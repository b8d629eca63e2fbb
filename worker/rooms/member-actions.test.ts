import { describe, expect, it } from "vitest";
import { row } from "../../test/room-rows";
import { handLower, handRaise, leave, react, selfUnmute } from "./member-actions";
import { INITIAL_STATE } from "./moderation";

describe("a participant's own actions decide, the room applies", () => {
  it("a reaction goes to everyone admitted and is not kept", () => {
    expect(react(row("a"), "👏")).toEqual({
      broadcast: [{ audience: "admitted", message: { type: "reaction", participantId: "a", emoji: "👏" } }],
    });
  });

  it("hands are staged (coalesced) when they change, and do nothing when they do not", () => {
    const raised = handRaise(INITIAL_STATE, "a");
    expect(raised.stage?.hands).toEqual(["a"]);
    expect(handRaise(raised.stage!, "a")).toEqual({});
    expect(handLower(raised.stage!, "a").stage?.hands).toEqual([]);
    expect(handLower(INITIAL_STATE, "a")).toEqual({});
  });

  it("unmuting oneself changes the row and the roster", () => {
    expect(selfUnmute(row("a"))).toEqual({ patches: [{ id: "a", patch: { muted: false } }], roster: ["a"] });
  });

  it("leaving: offline, out of the roster and the hand queue; a waiting person leaves the waiting list", () => {
    const state = { ...INITIAL_STATE, hands: ["a", "b"] };
    expect(leave(row("a"), state, false)).toEqual({
      patches: [{ id: "a", patch: { online: false } }],
      state: { ...state, hands: ["b"] },
      roster: ["a"],
    });
    expect(leave(row("c"), state, false).state).toBeUndefined();
    expect(leave(row("w", { status: "waiting" }), state, false)).toEqual({
      patches: [{ id: "w", patch: { online: false } }],
      waiting: true,
    });
  });

  it("leaving with a pending slip request takes it off the hosts' list", () => {
    expect(leave(row("a"), INITIAL_STATE, true).hostQueues).toEqual(["slipRequests"]);
  });
});
