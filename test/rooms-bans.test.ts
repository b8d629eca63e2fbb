import { describe, expect, it } from "vitest";
import { createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import { createOccurrence, enter, joinRequest, liveRoom } from "./rooms-helpers";

const code = async (res: Response) => ((await res.json()) as ErrorJson).error.code;
type BanList = {
  bans: { id: string; bannedAt: number; occurrenceId: string | null; occurrenceStartsAt: number | null }[];
};

/** Alice's browser: one IPv6 /64 and the device key the web app keeps in local storage. */
const ALICE_DEVICE = "aliceDeviceKey_0123456789abcdef";
const fromAlice = (n = 1) => ({ "CF-Connecting-IP": `2001:db8:a11:ce::${n}`, "User-Agent": `Mozilla/5.0 alice-${n}` });

/** A live room with a host and Alice, both connected and welcomed. */
async function roomWithAlice(opts: Parameters<typeof liveRoom>[0] = {}) {
  const room = await liveRoom(opts);
  const host = await enter(room.occurrenceId, "host", {}, room.host.auth);
  await host.socket.next("welcome");
  const alice = await enter(room.occurrenceId, "alice", { deviceKey: ALICE_DEVICE }, fromAlice());
  await alice.socket.next("welcome");
  return { ...room, hs: host.socket, alice };
}

describe("bans hold against changed headers, a new tab and the next occurrence", () => {
  it("matches the address (/64), the device key and the room session, whatever headers change", async () => {
    const { occurrenceId, meetingId, hs, alice } = await roomWithAlice();
    hs.send({ type: "host.ban", participantId: alice.participantId });
    expect((await alice.socket.next("removed")).reason).toBe("banned");
    // Same /64, another address in it, another User-Agent, no device key (a private window):
    expect(await code(await joinRequest(occurrenceId, "alice", {}, fromAlice(2)))).toBe("banned");
    // Another network entirely (phone on mobile data), but the same browser profile:
    expect(await code(await joinRequest(occurrenceId, "alice-mobile", { deviceKey: ALICE_DEVICE }))).toBe("banned");
    // A tab that still holds the room session:
    const withSession = await joinRequest(
      occurrenceId,
      "alice-elsewhere",
      {},
      { Authorization: `Bearer ${alice.sessionToken}` },
    );
    expect(await code(withSession)).toBe("banned");
    // Next week's occurrence (the D1 ban is written off the hot path: wait for it).
    const nextWeek = await createOccurrence(meetingId);
    await expect.poll(async () => (await joinRequest(nextWeek, "alice", {}, fromAlice(3))).status).toBe(403);
    expect(await code(await joinRequest(nextWeek, "alice-mobile", { deviceKey: ALICE_DEVICE }))).toBe("banned");
    expect((await joinRequest(nextWeek, "bob")).status).toBe(200);
    hs.close();
  });

  it("keeps a removed person out of the occurrence by any key, and sends every new joiner to the waiting room", async () => {
    const { occurrenceId, hs, alice } = await roomWithAlice();
    hs.send({ type: "host.remove", participantId: alice.participantId });
    expect((await alice.socket.next("removed")).reason).toBe("removed");
    expect(await code(await joinRequest(occurrenceId, "alice", {}, fromAlice(9)))).toBe("removed");
    expect(await code(await joinRequest(occurrenceId, "alice-mobile", { deviceKey: ALICE_DEVICE }))).toBe("removed");
    const bob = await enter(occurrenceId, "bob");
    expect(bob.waiting).toBe(true);
    await bob.socket.next("waiting");
    await hs.next("waiting.list", (f) => f.waiting.some((w) => w.id === bob.participantId && w.name === "bob"));
    hs.close();
    bob.socket.close();
  });
});

describe("ban list", () => {
  it("shows hosts and admins what was banned when (no personal data), and lifting lets the person back", async () => {
    const { occurrenceId, meetingId, group, host, hs, alice } = await roomWithAlice();
    hs.send({ type: "host.ban", participantId: alice.participantId });
    await alice.socket.next("removed");
    const list = async (auth: Record<string, string>) => call(`/api/meetings/${meetingId}/bans`, { headers: auth });
    await expect.poll(async () => ((await (await list(host.auth)).json()) as BanList).bans.length).toBe(1);
    const body = (await (await list(host.auth)).json()) as BanList;
    expect(Object.keys(body.bans[0] ?? {}).sort()).toEqual(["bannedAt", "id", "occurrenceId", "occurrenceStartsAt"]);
    expect(body.bans[0]?.occurrenceId).toBe(occurrenceId);
    expect(JSON.stringify(body)).not.toMatch(/alice|subject|device|2001:db8/i);

    const admin = await createMember(group.id, ["admin"]);
    expect((await list(admin.auth)).status).toBe(200);
    const secretary = await createMember(group.id, ["secretary"]);
    expect((await list(secretary.auth)).status).toBe(403);
    const otherHost = await createMember((await liveRoom()).group.id, ["host"]);
    expect((await list(otherHost.auth)).status).toBe(403);
    expect((await list({})).status).toBe(401);
    const banId = body.bans[0]?.id ?? "";
    expect(
      (await call(`/api/meetings/${meetingId}/bans/${banId}`, { method: "DELETE", headers: secretary.auth })).status,
    ).toBe(403);

    const lifted = await call(`/api/meetings/${meetingId}/bans/${banId}`, { method: "DELETE", headers: host.auth });
    expect(lifted.status).toBe(200);
    expect(((await (await list(host.auth)).json()) as BanList).bans).toEqual([]);
    expect(
      (await call(`/api/meetings/${meetingId}/bans/${banId}`, { method: "DELETE", headers: host.auth })).status,
    ).toBe(404);
    // Back in: the live room forgot the keys at once (a host still admits them: the room is guarded).
    const again = await joinRequest(occurrenceId, "alice", { deviceKey: ALICE_DEVICE }, fromAlice(4));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { waiting: boolean }).waiting).toBe(true);
    const nextWeek = await createOccurrence(meetingId);
    expect((await joinRequest(nextWeek, "alice", { deviceKey: ALICE_DEVICE }, fromAlice(5))).status).toBe(200);
    hs.close();
  });
});

describe("display names", () => {
  it("applies one rule at join: control, bidi-override, zero-width-only and over-long names are 400", async () => {
    const { occurrenceId } = await liveRoom();
    for (const displayName of ["Sam\u202Egnp", "\u200B\u200B", "a\u0000b", "x".repeat(33), "<script>", "sam.ru"]) {
      const res = await joinRequest(occurrenceId, "namer", { displayName });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorJson).error.issues?.[0]?.path).toBe("json.displayName");
    }
    expect((await joinRequest(occurrenceId, "emoji", { displayName: "👨‍👩‍👧‍👦".repeat(32) })).status).toBe(200);
  });

  it("refuses an attendee who takes a host's name (any case), at join and at rename", async () => {
    const room = await liveRoom();
    const host = await enter(room.occurrenceId, "host", { displayName: "Chair Pat" }, room.host.auth);
    await host.socket.next("welcome");
    const posing = await joinRequest(room.occurrenceId, "troll", { displayName: "  chair PAT " });
    expect(posing.status).toBe(409);
    expect(await code(posing)).toBe("name_taken");
    const sam = await enter(room.occurrenceId, "sam", { displayName: "Sam" });
    await sam.socket.next("welcome");
    host.socket.send({ type: "host.rename", participantId: sam.participantId, name: "CHAIR PAT" });
    expect((await host.socket.next("error")).code).toBe("invalid_name");
    host.socket.send({ type: "host.rename", participantId: sam.participantId, name: "Sam\u2066x" });
    expect((await host.socket.next("error", (f) => f.message.includes("direction"))).code).toBe("invalid_name");
    host.socket.send({ type: "host.rename", participantId: sam.participantId, name: "  Sam   S. " });
    await sam.socket.next("roster", (f) => f.changes.some((c) => c.op === "upsert" && c.participant.name === "Sam S."));
    host.socket.close();
    sam.socket.close();
  });
});
