import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../worker/db/client";
import { occurrences } from "../worker/db/schema";
import { LIMITS } from "#shared/room-protocol";
import type { ErrorJson } from "./helpers";
import {
  createMeeting,
  createOccurrence,
  enter,
  joinOk,
  joinRequest,
  liveRoom,
  messageCount,
  rejoin,
  stubFor,
  TestSocket,
  upgrade,
} from "./rooms-helpers";
import { purgeExpired } from "../worker/cron/purge";

describe("frames", () => {
  it("answers invalid and oversized frames with an error and keeps the connection", async () => {
    const { occurrenceId } = await liveRoom();
    const alice = await enter(occurrenceId, "alice");
    const s = alice.socket;
    await s.next("welcome");
    s.send("not json");
    expect((await s.next("error")).code).toBe("invalid_json");
    s.send(JSON.stringify({ type: "chat.shout", text: "x" }));
    await s.until((x) => x.of("error").length >= 2, "2 errors");
    expect(s.of("error")[1]?.code).toBe("invalid_message");
    s.send({ type: "chat.send", text: "x".repeat(LIMITS.chatChars + 1) });
    await s.until((x) => x.of("error").length >= 3, "3 errors");
    expect(s.of("error")[2]?.message).toContain("text");
    s.send(JSON.stringify({ type: "chat.send", text: "y", pad: "z".repeat(LIMITS.frameBytes) }));
    await s.until((x) => x.of("error").length >= 4, "4 errors");
    expect(s.of("error")[3]?.code).toBe("frame_too_large");
    s.send({ type: "chat.send", text: "   " });
    await s.until((x) => x.of("error").length >= 5, "5 errors");
    expect(await messageCount(occurrenceId)).toBe(0);
    s.send({ type: "chat.send", text: "still here" });
    await s.next("chat.message", (f) => f.message.text === "still here");
    expect(s.closed).toBeNull();
    s.close();
  });

  it("declines permessage-deflate: one broadcast is not compressed once per recipient", async () => {
    const { occurrenceId } = await liveRoom();
    const joined = await joinOk(occurrenceId, "deflater");
    const res = await upgrade(joined, { "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits" });
    expect(res.status).toBe(101);
    expect(res.headers.get("Sec-WebSocket-Extensions")).toBeNull();
    res.webSocket?.accept();
    res.webSocket?.close(1000, "bye");
  });
});

describe("timer", () => {
  it("syncs a deadline to everyone and the room's alarm announces the end", async () => {
    const { occurrenceId, host } = await liveRoom();
    const h = await enter(occurrenceId, "host", {}, host.auth);
    const a = await enter(occurrenceId, "alice");
    await a.socket.next("welcome");
    h.socket.send({ type: "host.timer", seconds: 1 });
    const started = await a.socket.next("timer", (f) => f.endsAt !== null);
    expect(started.endsAt).toBeGreaterThan(Date.now() - 5_000);
    await a.socket.next("state", (f) => f.state.timer?.endsAt === started.endsAt);
    const ended = await a.socket.next("timer", (f) => f.ended);
    expect(ended.endsAt).toBeNull();
    await a.socket.next("state", (f) => f.state.timer === null);
    a.socket.send({ type: "host.timer", seconds: 60 });
    expect((await a.socket.next("error")).code).toBe("forbidden");
    h.socket.close();
    a.socket.close();
  });
});

describe("retention", () => {
  it("purges '24h' chat by alarm once it is older than a day", async () => {
    // Latecomers read back here, so the welcome shows what retention kept (issue 15: off by default).
    const { occurrenceId } = await liveRoom({ chatRetention: "24h", latecomerChat: true });
    const { socket } = await enter(occurrenceId, "alice");
    socket.send({ type: "chat.send", text: "old news" });
    await socket.next("chat.message");
    socket.send({ type: "chat.send", text: "fresh" });
    await socket.until((s) => s.of("chat.message").length >= 2, "2 messages");
    expect(await messageCount(occurrenceId)).toBe(2);
    const stub = stubFor(occurrenceId);
    await runInDurableObject(stub, (_room, state) => {
      state.storage.sql.exec("UPDATE messages SET at = at - 25 * 3600 * 1000 WHERE text = 'old news'");
    });
    await runInDurableObject(stub, (_room, state) => state.storage.setAlarm(Date.now() + 60_000));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await messageCount(occurrenceId)).toBe(1);
    // A later joiner's welcome carries only what is still retained.
    const bob = await enter(occurrenceId, "bob");
    expect((await bob.socket.next("welcome")).chat.map((m) => m.text)).toEqual(["fresh"]);
    socket.close();
    bob.socket.close();
  });

  it("'end' retention: host.end closes the room for everyone, marks D1 ended, and the alarm purges chat", async () => {
    const { occurrenceId, host } = await liveRoom({ chatRetention: "end" });
    const h = await enter(occurrenceId, "host", {}, host.auth);
    const a = await enter(occurrenceId, "alice");
    await a.socket.next("welcome");
    a.socket.send({ type: "chat.send", text: "said in the room" });
    await h.socket.next("chat.message");
    h.socket.send({ type: "host.end" });
    expect((await a.socket.next("ended")).reason).toBe("host");
    await a.socket.until((s) => s.closed, "close");
    await h.socket.until((s) => s.closed, "host close");
    const row = await db(env).select().from(occurrences).where(eq(occurrences.id, occurrenceId)).get();
    expect(row?.status).toBe("ended");
    const stub = stubFor(occurrenceId);
    await runInDurableObject(stub, (_room, state) => state.storage.setAlarm(Date.now() + 60_000));
    await runDurableObjectAlarm(stub);
    expect(await messageCount(occurrenceId)).toBe(0);
    const late = await joinRequest(occurrenceId, "late");
    expect(late.status).toBe(409);
    expect(((await late.json()) as ErrorJson).error.code).toBe("not_live");
  });
});

describe("hibernation and reconnects", () => {
  it("keeps roster, waiting room, moderation state, timer and chat across eviction", async () => {
    const { occurrenceId, host } = await liveRoom({ waitingRoom: true });
    const h = await enter(occurrenceId, "host", {}, host.auth);
    await h.socket.next("welcome");
    const w = await enter(occurrenceId, "waiter");
    await h.socket.next("waiting.list", (f) => f.waiting.length === 1);
    const a = await enter(occurrenceId, "alice");
    h.socket.send({ type: "host.admit", participantId: a.participantId });
    await a.socket.next("welcome");
    h.socket.send({ type: "host.mute", participantId: a.participantId });
    h.socket.send({ type: "host.chatMode", mode: "hosts" });
    h.socket.send({ type: "host.timer", seconds: 600 });
    h.socket.send({ type: "chat.send", text: "before eviction" });
    await a.socket.next("chat.message");
    await a.socket.next("state", (f) => f.state.chatMode === "hosts" && f.state.timer !== null);

    await evictDurableObject(stubFor(occurrenceId));

    // Existing sockets keep working after the object wakes from hibernation.
    h.socket.send({ type: "chat.send", text: "after eviction" });
    await a.socket.next("chat.message", (f) => f.message.text === "after eviction");
    a.socket.send({ type: "chat.send", text: "muted still" });
    expect((await a.socket.next("error")).code).toBe("chat_hosts_only");
    // A reconnecting host gets everything back in one welcome.
    const again = await rejoin(occurrenceId, h.sessionToken);
    const h2 = await TestSocket.open(again);
    const welcome = await h2.next("welcome");
    expect(welcome.chat.map((m) => m.text)).toEqual(["before eviction", "after eviction"]);
    expect(welcome.state.chatMode).toBe("hosts");
    expect(welcome.state.timer).not.toBeNull();
    expect(welcome.roster.find((p) => p.id === a.participantId)?.muted).toBe(true);
    expect(welcome.roster.filter((p) => p.id === h.participantId)).toHaveLength(1);
    const waiting = await h2.next("waiting.list");
    expect(waiting.waiting.map((x) => x.id)).toEqual([w.participantId]);
    for (const s of [h.socket, h2, w.socket, a.socket]) s.close();
  });

  it("a reconnect with the session token replaces the old socket without a duplicate roster entry", async () => {
    const { occurrenceId } = await liveRoom();
    const observer = await enter(occurrenceId, "observer");
    await observer.socket.next("welcome");
    const a = await enter(occurrenceId, "alice");
    await a.socket.next("welcome");
    const again = await rejoin(occurrenceId, a.sessionToken);
    expect(again.participantId).toBe(a.participantId);
    const a2 = await TestSocket.open(again);
    const welcome = await a2.next("welcome");
    expect(welcome.self.id).toBe(a.participantId);
    expect(welcome.roster.filter((p) => p.id === a.participantId)).toHaveLength(1);
    await a.socket.until((s) => s.closed, "old socket replaced");
    // After the old socket's close the participant is still in the roster.
    observer.socket.send({ type: "chat.send", text: "ping" });
    await a2.next("chat.message", (f) => f.message.text === "ping");
    const late = await enter(occurrenceId, "late");
    const lateWelcome = await late.socket.next("welcome");
    expect(lateWelcome.roster.filter((p) => p.id === a.participantId)).toHaveLength(1);
    expect(lateWelcome.roster).toHaveLength(3);
    for (const s of [observer.socket, a2, late.socket]) s.close();
  });

  it("someone who leaves drops out of the roster and the raised-hand queue", async () => {
    const { occurrenceId } = await liveRoom();
    const observer = await enter(occurrenceId, "observer");
    await observer.socket.next("welcome");
    const a = await enter(occurrenceId, "alice");
    a.socket.send({ type: "hand.raise" });
    await observer.socket.next("state", (f) => f.state.hands.includes(a.participantId));
    a.socket.close();
    await observer.socket.next("roster", (f) =>
      f.changes.some((c) => c.op === "remove" && c.participantId === a.participantId),
    );
    expect(observer.socket.of("state").at(-1)?.state.hands).toEqual([]);
    observer.socket.close();
  });

  it("a later joiner's welcome shows the room as it is now: who left, who was muted or removed, also after eviction", async () => {
    const { occurrenceId, host } = await liveRoom();
    const h = await enter(occurrenceId, "host", {}, host.auth);
    await h.socket.next("welcome");
    const [a, b, c] = await Promise.all(["alice", "bob", "carol"].map((n) => enter(occurrenceId, n)));
    for (const p of [a, b, c]) await p.socket.next("welcome");
    h.socket.send({ type: "host.mute", participantId: a.participantId });
    h.socket.send({ type: "host.remove", participantId: c.participantId });
    b.socket.close();
    await h.socket.next("roster", (f) =>
      f.changes.some((x) => x.op === "remove" && x.participantId === b.participantId),
    );
    await h.socket.until(
      () =>
        h.socket
          .of("roster")
          .some((f) => f.changes.some((x) => x.op === "remove" && x.participantId === c.participantId)),
      "carol removed",
    );
    const seen = (w: { roster: { id: string; muted: boolean }[] }) =>
      Object.fromEntries(w.roster.map((p) => [p.id, p.muted]));
    const expected = { [h.participantId]: false, [a.participantId]: true };

    // A removal guards the room: from now on a host lets each newcomer in (the welcome comes on admission).
    const admitted = async (who: string) => {
      const p = await enter(occurrenceId, who);
      await p.socket.next("waiting");
      h.socket.send({ type: "host.admit", participantId: p.participantId });
      return { ...p, welcome: await p.socket.next("welcome") };
    };
    const d = await admitted("dave");
    const dWelcome = d.welcome;
    expect(seen(dWelcome)).toEqual({ ...expected, [d.participantId]: false });
    expect(dWelcome.rosterSummary).toEqual({ total: 3, hosts: 1 });

    await evictDurableObject(stubFor(occurrenceId));
    const e = await admitted("erin");
    const eWelcome = e.welcome;
    expect(seen(eWelcome)).toEqual({ ...expected, [d.participantId]: false, [e.participantId]: false });
    for (const s of [h.socket, a.socket, d.socket, e.socket]) s.close();
  });

  it("reports the live attendee count to D1 once for a burst of joins, not per join", async () => {
    const { occurrenceId } = await liveRoom();
    const people = await Promise.all(["p1", "p2", "p3"].map((n) => enter(occurrenceId, n)));
    for (const p of people) await p.socket.next("welcome");
    // One debounced write for the whole burst, within a few seconds.
    const count = () =>
      db(env).select({ n: occurrences.liveAttendees }).from(occurrences).where(eq(occurrences.id, occurrenceId)).get();
    await expect.poll(async () => (await count())?.n, { timeout: 10_000, interval: 200 }).toBe(3);
    for (const p of people) p.socket.close();
  });
});

describe("the occurrence's end", () => {
  it("closes the room for everyone an hour past the scheduled end, and marks D1 ended", async () => {
    const { occurrenceId, host } = await liveRoom();
    const h = await enter(occurrenceId, "host", {}, host.auth);
    await h.socket.next("welcome");
    const stub = stubFor(occurrenceId);
    // The alarm is armed for the auto-end; move the meeting's end two hours into the past.
    await pretendEnded(occurrenceId, Date.now() - 2 * 3600_000, { inD1: true });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await h.socket.next("ended")).reason).toBe("ended");
    const row = await db(env)
      .select({ status: occurrences.status })
      .from(occurrences)
      .where(eq(occurrences.id, occurrenceId))
      .get();
    expect(row?.status).toBe("ended");
    const late = await joinRequest(occurrenceId, "late");
    expect(late.status).toBe(409);
  });

  it("a room only touched by a refused early join closes itself after the end, so the purge can wipe it", async () => {
    const { meetingId } = await createMeeting();
    const startsAt = Date.now() + 3 * 3600_000;
    const occurrenceId = await createOccurrence(meetingId, { status: "scheduled", startsAt });
    const early = await joinRequest(occurrenceId, "early");
    expect(early.status).toBe(409);
    const stub = stubFor(occurrenceId);
    // The first touch armed the alarm for an hour past the end.
    expect(await runInDurableObject(stub, (_room, state) => state.storage.getAlarm())).toBe(
      startsAt + 3600_000 + 3600_000,
    );
    await pretendEnded(occurrenceId, Date.now() - 2 * 3600_000, { inD1: true });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const ended = await db(env).select().from(occurrences).where(eq(occurrences.id, occurrenceId)).get();
    expect(ended?.status).toBe("ended");
    expect(ended?.endedAt).not.toBeNull();
    await purgeExpired(env, Date.now());
    const purged = await db(env)
      .select({ roomPurgedAt: occurrences.roomPurgedAt })
      .from(occurrences)
      .where(eq(occurrences.id, occurrenceId))
      .get();
    expect(purged?.roomPurgedAt).not.toBeNull();
    expect(
      await runInDurableObject(
        stub,
        (_room, state) => state.storage.sql.exec("SELECT count(*) AS n FROM meta").one().n,
      ),
    ).toBe(0);
  });

  it("re-reads the occurrence before closing: a room whose occurrence was moved later stays open", async () => {
    const { meetingId } = await createMeeting();
    const occurrenceId = await createOccurrence(meetingId, {
      status: "scheduled",
      startsAt: Date.now() + 3 * 3600_000,
    });
    expect((await joinRequest(occurrenceId, "early")).status).toBe(409);
    const stub = stubFor(occurrenceId);
    // The room still believes the old (now past) end; D1 has the occurrence moved to tomorrow.
    await pretendEnded(occurrenceId, Date.now() - 2 * 3600_000);
    const movedStart = Date.now() + 24 * 3600_000;
    await db(env)
      .update(occurrences)
      .set({ startsAt: movedStart, endsAt: movedStart + 3600_000 })
      .where(eq(occurrences.id, occurrenceId));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const row = await db(env)
      .select({ status: occurrences.status })
      .from(occurrences)
      .where(eq(occurrences.id, occurrenceId))
      .get();
    expect(row?.status).toBe("scheduled");
    expect(await runInDurableObject(stub, (_room, state) => state.storage.getAlarm())).toBe(
      movedStart + 3600_000 + 3600_000,
    );
  });
});

/**
 * Makes a room believe its occurrence ended at `endsAt` (its cached config) and arms the alarm;
 * with `inD1` the occurrence row says so too, as it would once that time has really passed.
 */
async function pretendEnded(occurrenceId: string, endsAt: number, opts: { inD1?: boolean } = {}) {
  const stub = stubFor(occurrenceId);
  await runInDurableObject(stub, (_room, state) => {
    const row = state.storage.sql.exec("SELECT value FROM meta WHERE key = 'config'").one();
    const config = JSON.parse(String(row.value)) as { endsAt: number };
    config.endsAt = endsAt;
    state.storage.sql.exec("UPDATE meta SET value = ? WHERE key = 'config'", JSON.stringify(config));
  });
  if (opts.inD1)
    await db(env)
      .update(occurrences)
      .set({ startsAt: endsAt - 3600_000, endsAt })
      .where(eq(occurrences.id, occurrenceId));
  await evictDurableObject(stub); // drop the in-memory meta cache so the edited config is read
  await runInDurableObject(stub, (_room, state) => state.storage.setAlarm(Date.now() + 60_000));
}
