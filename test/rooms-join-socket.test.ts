import { afterEach, describe, expect, it, vi } from "vitest";
import { createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import {
  addressOf,
  createMeeting,
  createOccurrence,
  enter,
  joinOk,
  liveRoom,
  resumeSocket,
  socketJoin,
  socketJoinRequest,
  TestSocket,
  upgrade,
} from "./rooms-helpers";
import { CLOSE_CODES } from "#shared/room-protocol";
import { ROOM_PROTOCOL } from "#shared/room-socket-protocol";

const code = async (res: Response) => ((await res.json()) as ErrorJson).error.code;
const DEVICE = "joinSocketDevice_0123456789";

/** The socket's refusal: the frame, then the close with the refused code. */
async function refusedWith(socket: TestSocket) {
  const refused = await socket.next("join.refused");
  await socket.until((s) => s.closed, "close");
  expect(socket.closed?.code).toBe(CLOSE_CODES.refused);
  expect(socket.of("welcome")).toHaveLength(0);
  return refused;
}

describe("the one-round-trip join (join request as the subprotocol)", () => {
  it("seats, then welcomes, over one socket; the session token it gets works for /rejoin; others see the newcomer", async () => {
    const { occurrenceId, host } = await liveRoom();
    const hostIn = await enter(occurrenceId, "host", {}, host.auth);
    await hostIn.socket.next("welcome");
    const res = await socketJoinRequest(occurrenceId, "ana");
    expect(res.status).toBe(101);
    expect(res.headers.get("Sec-WebSocket-Protocol")).toBe(ROOM_PROTOCOL);
    const ana = await TestSocket.from(res);
    const welcome = await ana.next("welcome");
    expect(ana.frames[0]?.type).toBe("joined");
    const joined = ana.of("joined")[0];
    expect(joined).toMatchObject({ role: "attendee", waiting: false });
    expect(welcome.self.id).toBe(joined?.participantId);
    expect(welcome.rosterSummary).toEqual({ total: 2, hosts: 1 });
    await hostIn.socket.next("roster", (f) =>
      f.changes.some((c) => c.op === "upsert" && c.participant.id === joined?.participantId),
    );
    const rejoin = await call(`/api/occurrences/${occurrenceId}/rejoin`, {
      method: "POST",
      headers: { Authorization: `Bearer ${joined?.sessionToken}` },
    });
    expect(rejoin.status).toBe(200);
    ana.close();
    hostIn.socket.close();
  });

  it("refuses a wrong passcode (with the attempts left) and admits the right one", async () => {
    const { occurrenceId } = await liveRoom({ passcode: "serenity" });
    const wrong = await refusedWith(await socketJoin(occurrenceId, "guesser", { passcode: "nope" }));
    expect(wrong).toMatchObject({ status: 401, code: "bad_passcode", attemptsLeft: 4 });
    const right = await socketJoin(occurrenceId, "member", { passcode: "serenity" });
    await right.next("welcome");
    right.close();
  });

  it("refuses a banned device and a banned network", async () => {
    const { occurrenceId, host } = await liveRoom();
    const hostIn = await enter(occurrenceId, "host", {}, host.auth);
    await hostIn.socket.next("welcome");
    const alice = await socketJoin(occurrenceId, "alice", { deviceKey: DEVICE });
    const aliceId = (await alice.next("joined")).participantId;
    await alice.next("welcome");
    hostIn.socket.send({ type: "host.ban", participantId: aliceId });
    expect((await alice.next("removed")).reason).toBe("banned");
    // The same browser from another network, and the same network without the device key:
    expect((await refusedWith(await socketJoin(occurrenceId, "alice-phone", { deviceKey: DEVICE }))).code).toBe(
      "banned",
    );
    const sameNetwork = { "CF-Connecting-IP": addressOf("alice") };
    expect((await refusedWith(await socketJoin(occurrenceId, "alice-2", {}, sameNetwork))).code).toBe("banned");
    hostIn.socket.close();
  });

  it("refuses a locked room, then a full one", async () => {
    const { occurrenceId, host } = await liveRoom({ capacity: 2 });
    const hostIn = await enter(occurrenceId, "host", {}, host.auth);
    await hostIn.socket.next("welcome");
    hostIn.socket.send({ type: "host.lock", locked: true });
    await hostIn.socket.next("state", (f) => f.state.locked);
    expect(await refusedWith(await socketJoin(occurrenceId, "late"))).toMatchObject({
      status: 403,
      code: "room_locked",
    });
    hostIn.socket.send({ type: "host.lock", locked: false });
    await hostIn.socket.next("state", (f) => !f.state.locked);
    const b = await socketJoin(occurrenceId, "b");
    await b.next("welcome");
    expect(await refusedWith(await socketJoin(occurrenceId, "c"))).toMatchObject({ status: 409, code: "room_full" });
    b.close();
    hostIn.socket.close();
  });

  it("refuses an occurrence that is not open, one that was cancelled, and one moved away after the room read it", async () => {
    const { group, meetingId } = await createMeeting();
    const later = await createOccurrence(meetingId, { status: "scheduled", startsAt: Date.now() + 3 * 3600_000 });
    expect((await refusedWith(await socketJoin(later, "early"))).code).toBe("not_live");

    const secretary = await createMember(group.id, ["secretary", "host"]);
    const cancelled = await createOccurrence(meetingId, { status: "scheduled", startsAt: Date.now() + 5 * 60_000 });
    const first = await socketJoin(cancelled, "first");
    await first.next("welcome");
    const cancel = await call(`/api/occurrences/${cancelled}/cancel`, { method: "POST", headers: secretary.auth });
    expect(cancel.status).toBe(200);
    expect((await refusedWith(await socketJoin(cancelled, "second"))).code).toBe("not_live");

    // The room has read this occurrence (a join), then a secretary moves it to tomorrow: the next
    // join is decided on the new start, not on the room's copy of the old one.
    const moving = await createOccurrence(meetingId, { status: "scheduled", startsAt: Date.now() + 5 * 60_000 });
    const before = await socketJoin(moving, "before");
    await before.next("welcome");
    const move = await call(`/api/occurrences/${moving}/move`, {
      method: "POST",
      json: { startsAt: new Date(Date.now() + 24 * 3600_000).toISOString() },
      headers: secretary.auth,
    });
    expect(move.status).toBe(200);
    expect((await refusedWith(await socketJoin(moving, "after"))).code).toBe("not_live");
    before.close();
  });

  it("answers an unreadable or invalid join request over the socket, and an unknown occurrence", async () => {
    const { occurrenceId } = await liveRoom();
    const invalid = await refusedWith(await socketJoin(occurrenceId, "x", { deviceKey: "short" }));
    expect(invalid).toMatchObject({ status: 400, code: "invalid_request" });
    const garbled = await call(`/api/rooms/${occurrenceId}`, {
      headers: { Upgrade: "websocket", "Sec-WebSocket-Protocol": `${ROOM_PROTOCOL}, join.%%%` },
    });
    expect((await refusedWith(await TestSocket.from(garbled))).code).toBe("invalid_request");
    expect((await refusedWith(await socketJoin("occ_missing", "x"))).code).toBe("not_found");
  });
});

describe("what a join costs beside the room", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes no request line for an opened socket, and still one for a refused upgrade", async () => {
    const { occurrenceId } = await liveRoom();
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    const requestLines = () =>
      lines.map((l) => JSON.parse(l) as { event: string }).filter((l) => l.event === "request");
    const opened = await socketJoinRequest(occurrenceId, "ana");
    expect(opened.status).toBe(101);
    const ana = await TestSocket.from(opened);
    await ana.next("welcome");
    expect(requestLines()).toHaveLength(0);
    const plain = await call(`/api/rooms/${occurrenceId}`);
    expect(plain.status).toBe(426);
    expect(requestLines()).toEqual([expect.objectContaining({ route: "/api/rooms/:id", status: 426 })]);
    ana.close();
  });
});

describe("the one-round-trip reconnect (room session token as the subprotocol)", () => {
  it("comes back as the same participant, replacing the old socket; a removed one and another room's session are refused", async () => {
    const { occurrenceId, host } = await liveRoom();
    const hostIn = await enter(occurrenceId, "host", {}, host.auth);
    await hostIn.socket.next("welcome");
    const ana = await socketJoin(occurrenceId, "ana");
    const joined = await ana.next("joined");
    await ana.next("welcome");
    const again = await resumeSocket(occurrenceId, joined.sessionToken);
    expect((await again.next("welcome")).self.id).toBe(joined.participantId);
    await ana.until((s) => s.closed, "the older socket's close");
    expect(ana.closed?.code).toBe(CLOSE_CODES.replaced);
    hostIn.socket.send({ type: "host.remove", participantId: joined.participantId });
    await again.next("removed");
    expect((await refusedWith(await resumeSocket(occurrenceId, joined.sessionToken))).code).toBe("removed");
    const other = await liveRoom();
    expect((await refusedWith(await resumeSocket(other.occurrenceId, joined.sessionToken))).code).toBe(
      "unauthenticated",
    );
    hostIn.socket.close();
  });
});

describe("tickets stay single-use with the ticket spent in the call that opens the socket", () => {
  it("refuses a replay", async () => {
    const { occurrenceId } = await liveRoom();
    const joined = await joinOk(occurrenceId, "ana");
    const socket = await TestSocket.open(joined);
    await socket.next("welcome");
    const replay = await upgrade(joined);
    expect(replay.status).toBe(401);
    expect(await code(replay)).toBe("ticket_used");
    socket.close();
  });

  it("opens exactly one of two sockets racing on one ticket", async () => {
    const { occurrenceId } = await liveRoom();
    const joined = await joinOk(occurrenceId, "ana");
    const answers = await Promise.all([upgrade(joined), upgrade(joined)]);
    expect(answers.map((r) => r.status).sort()).toEqual([101, 401]);
    const opened = answers.find((r) => r.status === 101);
    const socket = await TestSocket.from(opened as Response);
    await socket.next("welcome");
    socket.close();
  });
});
