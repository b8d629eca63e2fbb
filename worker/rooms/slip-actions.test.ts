import { describe, expect, it } from "vitest";
import { row } from "../../test/room-rows";
import { confirmSlip, requestSlip } from "./slip-actions";

const MIN = 60_000;
const slip = {
  meetingName: "Lakeside",
  groupName: "Lakeside Home Group",
  timezone: "America/Chicago",
  startsAt: Date.UTC(2026, 5, 1, 0, 0),
  minMinutes: 30,
  autoConfirm: false,
};
const asked = { sid: "sid-1", nameHash: null };
const now = slip.startsAt + 45 * MIN;
const present = row("a", { admittedAt: slip.startsAt });

describe("attendance slips decide, the room applies", () => {
  it("no slip settings: not_live; too soon: too_early (nothing happens)", () => {
    expect(requestSlip(present, undefined, asked, now)).toMatchObject({ code: "not_live" });
    expect(requestSlip(row("a", { admittedAt: now - 10 * MIN }), slip, asked, now)).toMatchObject({
      code: "too_early",
    });
  });

  it("a request waits for a host: the requester hears it is pending, the request is kept, hosts see the list", () => {
    expect(requestSlip(present, slip, asked, now)).toEqual({
      direct: [{ to: "a", message: { type: "slip.pending" } }],
      records: [{ kind: "slipRequest", request: { participantId: "a", sid: "sid-1", nameHash: null, at: now } }],
      hostQueues: ["slipRequests"],
    });
  });

  it("with auto-confirm the slip is signed at once for the requester, presence from admission to now", () => {
    const e = requestSlip(present, { ...slip, autoConfirm: true }, asked, now);
    expect(e).toMatchObject({ slip: { to: "a", claims: { confirmedBy: "auto", sid: "sid-1", date: "2026-05-31" } } });
    expect(e).not.toHaveProperty("records");
  });

  it("a host's confirmation takes the request before signing (a second click finds none)", () => {
    const request = { participantId: "a", sid: "sid-1", nameHash: null, at: now - MIN };
    const e = confirmSlip(present, request, slip, now);
    expect(e).toMatchObject({
      records: [{ kind: "takeSlipRequest", participantId: "a" }],
      hostQueues: ["slipRequests"],
      slip: { to: "a", claims: { confirmedBy: "host", from: new Date(slip.startsAt).toISOString() } },
    });
    expect(confirmSlip(present, null, slip, now)).toMatchObject({ code: "no_request" });
    expect(confirmSlip(row("a", { online: false }), request, slip, now)).toMatchObject({ code: "not_connected" });
  });
});
