import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { endUnopenedOccurrences } from "../worker/cron/purge";
import { db } from "../worker/db/client";
import { occurrences } from "../worker/db/schema";
import {
  autoEndAt,
  EARLY_START_MS,
  type OccurrenceFacts,
  startRefusal,
  UNOPENED_END_AFTER_MS,
  unopenedEndDue,
} from "#shared/occurrence-lifecycle";
import type { MeetingRoom } from "../worker/rooms/meeting-room";
import { createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import { createMeeting, createOccurrence, joinOk, joinRequest } from "./rooms-helpers";

const HOUR = 3600_000;
const stubFor = (occurrenceId: string) => env.MeetingRoom.getByName(occurrenceId) as DurableObjectStub<MeetingRoom>;
/** Freezes the room's clock at `at` (the room's joins, budgets and alarm all read it). */
const freezeRoomClock = (occurrenceId: string, at: number) =>
  runInDurableObject(stubFor(occurrenceId), (room: MeetingRoom) => {
    room.clock.now = () => at;
  });
const statusOf = async (id: string) =>
  (await db(env).select().from(occurrences).where(eq(occurrences.id, id)).get()) ?? null;
const code = async (res: Response) => ((await res.json()) as ErrorJson).error.code;

async function scheduledRoom(startsAt: number) {
  const { group, meetingId } = await createMeeting();
  const occurrenceId = await createOccurrence(meetingId, { status: "scheduled", startsAt });
  const host = await createMember(group.id, ["host"]);
  return { occurrenceId, host };
}

describe("a host's join obeys the start window of POST /start", () => {
  it("a host joining days early is refused, the occurrence stays scheduled and attendees stay out", async () => {
    const { occurrenceId, host } = await scheduledRoom(Date.now() + 3 * 24 * HOUR);
    const early = await joinRequest(occurrenceId, "early-host", { displayName: "Chair" }, host.auth);
    expect(early.status).toBe(409);
    expect(await code(early)).toBe("too_early");
    expect((await statusOf(occurrenceId))?.status).toBe("scheduled");
    expect((await statusOf(occurrenceId))?.startedAt).toBeNull();
    const attendee = await joinRequest(occurrenceId, "attendee", { displayName: "Sam" });
    expect(attendee.status).toBe(409);
    expect(await code(attendee)).toBe("not_live");
    // The route refuses it for the same reason, from the same rule.
    const start = await call(`/api/occurrences/${occurrenceId}/start`, { method: "POST", headers: host.auth });
    expect(start.status).toBe(409);
    expect(await code(start)).toBe("too_early");
  });

  it("room and route agree at the window's edges (the room on a frozen clock)", async () => {
    const startsAt = Date.now() + 10 * 24 * HOUR;
    const { occurrenceId, host } = await scheduledRoom(startsAt);
    const facts: OccurrenceFacts = { status: "scheduled", startsAt, endsAt: startsAt + HOUR };
    const opens = startsAt - EARLY_START_MS;

    await freezeRoomClock(occurrenceId, opens - 1);
    expect(startRefusal(facts, opens - 1)?.code).toBe("too_early");
    const justBefore = await joinRequest(occurrenceId, "edge-host", {}, host.auth);
    expect(justBefore.status).toBe(409);
    expect(await code(justBefore)).toBe("too_early");
    expect((await joinRequest(occurrenceId, "edge-attendee")).status).toBe(409);
    expect((await statusOf(occurrenceId))?.status).toBe("scheduled");

    await freezeRoomClock(occurrenceId, opens);
    expect(startRefusal(facts, opens)).toBeNull();
    expect((await joinOk(occurrenceId, "edge-host", {}, host.auth)).role).toBe("host");
    expect(await statusOf(occurrenceId)).toMatchObject({ status: "live", startedAt: opens });
    expect((await joinRequest(occurrenceId, "edge-attendee")).status).toBe(200);
  });

  it("route and room both refuse a scheduled occurrence that is over, with the same code", async () => {
    const { occurrenceId, host } = await scheduledRoom(Date.now() - 2 * HOUR);
    const route = await call(`/api/occurrences/${occurrenceId}/start`, { method: "POST", headers: host.auth });
    const room = await joinRequest(occurrenceId, "late-host", {}, host.auth);
    expect([route.status, await code(route)]).toEqual([409, "past"]);
    expect([room.status, await code(room)]).toEqual([409, "past"]);
    expect((await statusOf(occurrenceId))?.status).toBe("scheduled");
  });
});

describe("the end: room alarm and purge cron on one rule", () => {
  it("the room closes itself exactly at autoEndAt, not a millisecond before", async () => {
    const { occurrenceId, host } = await scheduledRoom(Date.now() - 10 * 60_000);
    await joinOk(occurrenceId, "chair", {}, host.auth);
    const o = await statusOf(occurrenceId);
    if (!o) throw new Error("no occurrence");
    const stub = stubFor(occurrenceId);
    await freezeRoomClock(occurrenceId, autoEndAt(o) - 1);
    await runInDurableObject(stub, (_room, state) => state.storage.setAlarm(Date.now() + 60_000));
    await runDurableObjectAlarm(stub);
    expect((await statusOf(occurrenceId))?.status).toBe("live");
    await freezeRoomClock(occurrenceId, autoEndAt(o));
    await runInDurableObject(stub, (_room, state) => state.storage.setAlarm(Date.now() + 60_000));
    await runDurableObjectAlarm(stub);
    expect(await statusOf(occurrenceId)).toMatchObject({ status: "ended", endedAt: autoEndAt(o) });
  });

  it("the cron ends a never-opened occurrence exactly when unopenedEndDue says so", async () => {
    const { meetingId } = await createMeeting();
    const now = Date.UTC(2031, 5, 1, 4, 0);
    const notYet = await createOccurrence(meetingId, {
      status: "scheduled",
      startsAt: now - UNOPENED_END_AFTER_MS - HOUR,
    });
    const due = await createOccurrence(meetingId, {
      status: "scheduled",
      startsAt: now - UNOPENED_END_AFTER_MS - HOUR - 1,
    });
    await endUnopenedOccurrences(env, now);
    for (const id of [notYet, due]) {
      const row = await statusOf(id);
      if (!row) throw new Error("no occurrence");
      expect(row.status === "ended").toBe(unopenedEndDue({ ...row, status: "scheduled" }, now));
    }
    expect((await statusOf(notYet))?.status).toBe("scheduled");
    expect((await statusOf(due))?.status).toBe("ended");
  });
});
