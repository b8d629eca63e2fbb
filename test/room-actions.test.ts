import { describe, expect, it } from "vitest";
import { MIRRORED_ACTIONS } from "#shared/room-actions";
import { refusalStatus } from "#shared/room-refusals";
import { call, type ErrorJson } from "./helpers";
import { joinOk, liveRoom } from "./rooms-helpers";

/** The HTTP moderation mirror takes exactly the table's mirrored actions and answers each refusal with its code's status. */
describe("the HTTP moderation mirror, generated from the action table", () => {
  it("refuses every mirrored action with the status of its refusal code", async () => {
    const room = await liveRoom();
    const host = await joinOk(room.occurrenceId, "host", {}, room.host.auth);
    const alice = await joinOk(room.occurrenceId, "alice");
    const moderate = (token: string, action: string, participantId: string) =>
      call(`/api/moderation/${room.occurrenceId}`, {
        method: "POST",
        json: { action, participantId },
        headers: { Authorization: `Bearer ${token}` },
      });
    for (const action of MIRRORED_ACTIONS) {
      const gone = await moderate(host.sessionToken, action, "p_nobody");
      const goneBody = (await gone.json()) as ErrorJson;
      expect([action, goneBody.error.code, gone.status]).toEqual([
        action,
        "no_participant",
        refusalStatus("no_participant"),
      ]);
      const byAttendee = await moderate(alice.sessionToken, action, host.participantId);
      const byAttendeeBody = (await byAttendee.json()) as ErrorJson;
      expect([action, byAttendeeBody.error.code, byAttendee.status]).toEqual([
        action,
        "forbidden",
        refusalStatus("forbidden"),
      ]);
    }
  });

  it("does not take actions the table does not mirror", async () => {
    const room = await liveRoom();
    const host = await joinOk(room.occurrenceId, "host", {}, room.host.auth);
    for (const action of ["rename", "end", "admitAll", "lock"]) {
      const res = await call(`/api/moderation/${room.occurrenceId}`, {
        method: "POST",
        json: { action, participantId: host.participantId },
        headers: { Authorization: `Bearer ${host.sessionToken}` },
      });
      expect([action, res.status]).toEqual([action, 400]);
    }
  });
});
