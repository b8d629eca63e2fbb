import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../worker/db/client";
import { meetingBans, moderationAudit } from "../worker/db/schema-rooms";
import { call, type ErrorJson } from "./helpers";
import {
  createOccurrence,
  enter,
  errorCode,
  joinOk,
  joinRequest,
  liveRoom,
  rejoin,
  rejoinRequest,
  TestSocket,
  upgrade,
} from "./rooms-helpers";

/** A live room with a host and one attendee, both connected and welcomed. */
async function hostAndAttendee(opts: Parameters<typeof liveRoom>[0] = {}) {
  const room = await liveRoom(opts);
  const host = await enter(room.occurrenceId, "host", {}, room.host.auth);
  await host.socket.next("welcome");
  const alice = await enter(room.occurrenceId, "alice");
  await alice.socket.next("welcome");
  return { ...room, hostJoin: host, hs: host.socket, alice, as: alice.socket };
}

describe("waiting room", () => {
  it("holds joiners, shows hosts the list, and admits, denies and sends back", async () => {
    const room = await liveRoom({ waitingRoom: true, conferenceUrl: "https://zoom.example/j/123" });
    const host = await enter(room.occurrenceId, "host", {}, room.host.auth);
    expect(host.waiting).toBe(false);
    const hostWelcome = await host.socket.next("welcome");
    expect(hostWelcome.conference?.url).toBe("https://zoom.example/j/123");

    const wanda = await enter(room.occurrenceId, "wanda");
    expect(wanda.waiting).toBe(true);
    const greet = await wanda.socket.next("waiting");
    expect(greet.message).toContain("host");
    expect(JSON.stringify(wanda.socket.frames)).not.toContain("zoom.example");
    await host.socket.next("waiting.list", (f) => f.waiting.some((w) => w.id === wanda.participantId));

    host.socket.send({ type: "host.messageWaiting", text: "Starting in two minutes" });
    await wanda.socket.next("waiting", (f) => f.message === "Starting in two minutes");

    // Chat from the waiting room is refused.
    wanda.socket.send({ type: "chat.send", text: "hello?" });
    expect((await wanda.socket.next("error")).code).toBe("not_admitted");

    host.socket.send({ type: "host.admit", participantId: wanda.participantId });
    await wanda.socket.next("admitted");
    const welcome = await wanda.socket.next("welcome");
    expect(welcome.conference?.url).toBe("https://zoom.example/j/123");
    await host.socket.next("roster", (f) =>
      f.changes.some((c) => c.op === "upsert" && c.participant.id === wanda.participantId),
    );

    host.socket.send({ type: "host.sendToWaiting", participantId: wanda.participantId });
    await wanda.socket.until((s) => s.of("waiting").length >= 3, "sent back to waiting");
    host.socket.send({ type: "chat.send", text: "only for the room" });
    await host.socket.next("chat.message");
    expect(wanda.socket.of("chat.message")).toHaveLength(0);

    host.socket.send({ type: "host.deny", participantId: wanda.participantId });
    expect((await wanda.socket.next("removed")).reason).toBe("denied");
    await wanda.socket.until((s) => s.closed, "close");
    const again = await joinRequest(room.occurrenceId, "wanda");
    expect(again.status).toBe(403);
    expect(await errorCode(again)).toBe("removed");
    host.socket.close();
  });

  it("a client cannot pick its connection id to receive someone else's frames", async () => {
    const room = await liveRoom({ waitingRoom: true });
    const host = await enter(room.occurrenceId, "host", {}, room.host.auth);
    const victim = await enter(room.occurrenceId, "victim");
    const attacker = await joinOk(room.occurrenceId, "attacker");
    const spy = await TestSocket.open({
      wsUrl: `${attacker.wsUrl}?_pk=${victim.participantId}`,
      ticket: attacker.ticket,
    });
    await spy.next("waiting");
    host.socket.send({ type: "host.admit", participantId: victim.participantId });
    await victim.socket.next("welcome");
    host.socket.send({ type: "host.admit", participantId: attacker.participantId });
    const welcome = await spy.next("welcome");
    expect(welcome.self.id).toBe(attacker.participantId);
    expect(spy.of("welcome")).toHaveLength(1);
    for (const s of [host.socket, victim.socket, spy]) s.close();
  });

  it("admits everyone waiting at once", async () => {
    const room = await liveRoom({ waitingRoom: true });
    const host = await enter(room.occurrenceId, "host", {}, room.host.auth);
    const guests = await Promise.all(["g1", "g2", "g3"].map((n) => enter(room.occurrenceId, n)));
    await host.socket.next("waiting.list", (f) => f.waiting.length === 3);
    host.socket.send({ type: "host.admitAll" });
    for (const g of guests) await g.socket.next("welcome");
    await host.socket.next("waiting.list", (f) => f.waiting.length === 0);
    for (const g of [host, ...guests]) g.socket.close();
  });
});

describe("moderation", () => {
  it("mute blocks chat server-side; unmute restores it", async () => {
    const { hs, alice, as } = await hostAndAttendee();
    hs.send({ type: "host.mute", participantId: alice.participantId });
    await as.next("moderation", (f) => f.action === "mute" && f.participantId === alice.participantId);
    as.send({ type: "chat.send", text: "can you hear me" });
    expect((await as.next("error")).code).toBe("muted");
    hs.send({ type: "chat.send", text: "host speaking" });
    await as.next("chat.message", (f) => f.message.text === "host speaking");
    expect(hs.of("chat.message").some((f) => f.message.text === "can you hear me")).toBe(false);
    // A muted participant cannot unmute themselves after an individual mute.
    as.send({ type: "self.unmute" });
    await as.until((s) => s.of("error").length >= 2, "second error");
    hs.send({ type: "host.unmute", participantId: alice.participantId });
    await as.next("moderation", (f) => f.action === "unmute");
    as.send({ type: "chat.send", text: "now I can" });
    await hs.next("chat.message", (f) => f.message.text === "now I can");
    hs.close();
    as.close();
  });

  it("mute all with self-unmute lets attendees unmute themselves", async () => {
    const { hs, alice, as } = await hostAndAttendee();
    hs.send({ type: "host.muteAll", allowSelfUnmute: true });
    await as.next("roster", (f) =>
      f.changes.some((c) => c.op === "upsert" && c.participant.id === alice.participantId && c.participant.muted),
    );
    as.send({ type: "self.unmute" });
    await as.next("roster", (f) =>
      f.changes.some((c) => c.op === "upsert" && c.participant.id === alice.participantId && !c.participant.muted),
    );
    hs.close();
    as.close();
  });

  it("attendees cannot use host actions", async () => {
    const { hostJoin, as } = await hostAndAttendee();
    as.send({ type: "host.remove", participantId: hostJoin.participantId });
    expect((await as.next("error")).code).toBe("forbidden");
    as.send({ type: "host.lock", locked: true });
    await as.until((s) => s.of("error").length >= 2, "second error");
    expect(as.of("state")).toHaveLength(0);
    as.close();
    hostJoin.socket.close();
  });

  it("remove disconnects, and neither a new join nor an old ticket gets back in", async () => {
    const { occurrenceId, hs, alice, as } = await hostAndAttendee();
    // A second ticket for the same participant, obtained before removal and not yet used.
    const spare = await rejoin(occurrenceId, alice.sessionToken);
    hs.send({ type: "host.remove", participantId: alice.participantId });
    expect((await as.next("removed")).reason).toBe("removed");
    await as.until((s) => s.closed, "close");
    await hs.next("roster", (f) => f.changes.some((c) => c.op === "remove" && c.participantId === alice.participantId));
    const old = await upgrade(spare);
    expect(old.status).toBe(403);
    expect(await errorCode(old)).toBe("removed");
    const fresh = await joinRequest(occurrenceId, "alice");
    expect(fresh.status).toBe(403);
    expect(await errorCode(fresh)).toBe("removed");
    const again = await rejoinRequest(occurrenceId, alice.sessionToken);
    expect(again.status).toBe(403);
    // Someone else can still join.
    expect((await joinRequest(occurrenceId, "bob")).status).toBe(200);
    hs.close();
  });

  it("ban persists for the meeting across occurrences (in D1) and is audited without names", async () => {
    const { occurrenceId, meetingId, host, hostJoin, hs, alice, as } = await hostAndAttendee();
    hs.send({ type: "host.ban", participantId: alice.participantId });
    expect((await as.next("removed")).reason).toBe("banned");
    expect(await errorCode(await joinRequest(occurrenceId, "alice"))).toBe("banned");
    await expect
      .poll(async () => (await db(env).select().from(meetingBans).where(eq(meetingBans.meetingId, meetingId))).length)
      .toBe(1);
    const nextWeek = await createOccurrence(meetingId);
    const refused = await joinRequest(nextWeek, "alice");
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe("banned");
    expect((await joinRequest(nextWeek, "bob")).status).toBe(200);
    await expect
      .poll(
        async () =>
          (await db(env).select().from(moderationAudit).where(eq(moderationAudit.occurrenceId, occurrenceId))).length,
      )
      .toBeGreaterThan(0);
    const audit = await db(env).select().from(moderationAudit).where(eq(moderationAudit.occurrenceId, occurrenceId));
    expect(audit[0]).toMatchObject({
      action: "ban",
      actorParticipantId: hostJoin.participantId,
      actorUserId: host.userId,
      targetParticipantId: alice.participantId,
    });
    expect(JSON.stringify(audit)).not.toContain("alice");
    hs.close();
  });

  it("lock keeps new attendees out but lets hosts in", async () => {
    const { occurrenceId, host, hs, as } = await hostAndAttendee();
    hs.send({ type: "host.lock", locked: true });
    await as.next("state", (f) => f.state.locked);
    const locked = await joinRequest(occurrenceId, "late");
    expect(locked.status).toBe(403);
    expect(await errorCode(locked)).toBe("room_locked");
    expect((await joinOk(occurrenceId, "cohost", {}, host.auth)).role).toBe("host");
    hs.send({ type: "host.lock", locked: false });
    await as.next("state", (f) => !f.state.locked);
    expect((await joinRequest(occurrenceId, "late")).status).toBe(200);
    hs.close();
    as.close();
  });

  it("chat modes: hosts only, then off", async () => {
    const { hs, as } = await hostAndAttendee();
    hs.send({ type: "host.chatMode", mode: "hosts" });
    await as.next("state", (f) => f.state.chatMode === "hosts");
    as.send({ type: "chat.send", text: "attendee line" });
    expect((await as.next("error")).code).toBe("chat_hosts_only");
    hs.send({ type: "chat.send", text: "host line" });
    await as.next("chat.message", (f) => f.message.text === "host line");
    hs.send({ type: "host.chatMode", mode: "off" });
    await as.next("state", (f) => f.state.chatMode === "off");
    hs.send({ type: "chat.send", text: "nobody" });
    expect((await hs.next("error")).code).toBe("chat_off");
    hs.close();
    as.close();
  });

  it("suspend all locks the room, turns chat off and mutes everyone in one action", async () => {
    const { occurrenceId, hs, alice, as } = await hostAndAttendee();
    hs.send({ type: "host.suspendAll" });
    const state = await as.next("state", (f) => f.state.locked && f.state.chatMode === "off");
    expect(state.state).toMatchObject({ locked: true, chatMode: "off" });
    await as.next("roster", (f) =>
      f.changes.some(
        (c) =>
          c.op === "upsert" &&
          c.participant.id === alice.participantId &&
          c.participant.muted &&
          !c.participant.canSelfUnmute,
      ),
    );
    expect(await errorCode(await joinRequest(occurrenceId, "late"))).toBe("room_locked");
    hs.close();
    as.close();
  });

  it("promote makes a co-host who can moderate; demote takes it back", async () => {
    const { occurrenceId, hs, alice, as } = await hostAndAttendee();
    const bob = await enter(occurrenceId, "bob");
    await bob.socket.next("welcome");
    hs.send({ type: "host.promote", participantId: alice.participantId });
    await as.next("waiting.list");
    as.send({ type: "host.mute", participantId: bob.participantId });
    await bob.socket.next("moderation", (f) => f.action === "mute");
    hs.send({ type: "host.demote", participantId: alice.participantId });
    await as.next("moderation", (f) => f.action === "demote");
    as.send({ type: "host.unmute", participantId: bob.participantId });
    expect((await as.next("error")).code).toBe("forbidden");
    for (const s of [hs, as, bob.socket]) s.close();
  });

  it("rename, raised hands in order, reactions, reports and auto-flags", async () => {
    const { hs, hostJoin, alice, as } = await hostAndAttendee();
    hs.send({ type: "host.rename", participantId: alice.participantId, name: "A." });
    await as.next("roster", (f) => f.changes.some((c) => c.op === "upsert" && c.participant.name === "A."));
    as.send({ type: "hand.raise" });
    hs.send({ type: "hand.raise" });
    await as.next("state", (f) => f.state.hands.length === 2);
    expect(as.of("state").at(-1)?.state.hands).toEqual([alice.participantId, hostJoin.participantId]);
    hs.send({ type: "hand.lower", participantId: alice.participantId });
    await as.next("state", (f) => f.state.hands.length === 1 && f.state.hands[0] === hostJoin.participantId);
    as.send({ type: "reaction", emoji: "🙏" });
    await hs.next("reaction", (f) => f.participantId === alice.participantId && f.emoji === "🙏");
    as.send({ type: "reaction", emoji: "🍕" } as never);
    expect((await as.next("error")).code).toBe("invalid_message");
    as.send({ type: "chat.send", text: "dm me on telegram https://spam.example.io https://x.io" });
    const flagged = await hs.next("flags", (f) => f.flags.length > 0);
    expect(flagged.flags[0]?.reasons).toEqual(expect.arrayContaining(["link_spam", "word:telegram"]));
    expect(as.of("flags")).toHaveLength(0);
    const messageId = flagged.flags[0]?.messageId ?? "";
    hs.send({ type: "chat.send", text: "welcome all" });
    const hostMsg = await as.next("chat.message", (f) => f.message.text === "welcome all");
    as.send({ type: "report", messageId: hostMsg.message.id, reason: "testing reports" });
    await hs.next("reports", (f) => f.reports.length === 1);
    hs.send({ type: "chat.delete", messageId });
    await as.next("chat.deleted", (f) => f.messageId === messageId);
    hs.close();
    as.close();
  });
});

describe("HTTP mirrors", () => {
  it("posts chat with a room session token and moderates as a host", async () => {
    const { occurrenceId, hostJoin, hs, alice, as } = await hostAndAttendee();
    const post = await call(`/api/occurrences/${occurrenceId}/chat`, {
      method: "POST",
      json: { text: "over http" },
      headers: { Authorization: `Bearer ${alice.sessionToken}` },
    });
    expect(post.status).toBe(200);
    await hs.next(
      "chat.message",
      (f) => f.message.text === "over http" && f.message.participantId === alice.participantId,
    );
    const tooLong = await call(`/api/occurrences/${occurrenceId}/chat`, {
      method: "POST",
      json: { text: "x".repeat(2001) },
      headers: { Authorization: `Bearer ${alice.sessionToken}` },
    });
    expect(tooLong.status).toBe(400);
    const anonymous = await call(`/api/occurrences/${occurrenceId}/chat`, { method: "POST", json: { text: "hi" } });
    expect(anonymous.status).toBe(401);
    const notHost = await call(`/api/moderation/${occurrenceId}`, {
      method: "POST",
      json: { action: "mute", participantId: hostJoin.participantId },
      headers: { Authorization: `Bearer ${alice.sessionToken}` },
    });
    expect(notHost.status).toBe(403);
    const mute = await call(`/api/moderation/${occurrenceId}`, {
      method: "POST",
      json: { action: "mute", participantId: alice.participantId },
      headers: { Authorization: `Bearer ${hostJoin.sessionToken}` },
    });
    expect(mute.status).toBe(200);
    const muted = await call(`/api/occurrences/${occurrenceId}/chat`, {
      method: "POST",
      json: { text: "again" },
      headers: { Authorization: `Bearer ${alice.sessionToken}` },
    });
    expect(muted.status).toBe(403);
    expect(await errorCode(muted)).toBe("muted");
    const badAction = await call(`/api/moderation/${occurrenceId}`, {
      method: "POST",
      json: { action: "explode", participantId: alice.participantId },
      headers: { Authorization: `Bearer ${hostJoin.sessionToken}` },
    });
    expect(badAction.status).toBe(400);
    expect(((await badAction.json()) as ErrorJson).error.issues?.[0]?.path).toBe("json.action");
    hs.close();
    as.close();
  });
});
