import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../worker/db/client";
import { moderationAudit } from "../worker/db/schema-rooms";
import type { MeetingRoom } from "../worker/rooms/meeting-room";
import { INITIAL_STATE } from "../worker/rooms/moderation";
import type { RoomState } from "#shared/room-protocol";
import { enter, liveRoom } from "./rooms-helpers";

const stubFor = (occurrenceId: string) => env.MeetingRoom.getByName(occurrenceId) as DurableObjectStub<MeetingRoom>;

/** What "resume" must restore, read from the room's own storage: lock, chat mode and every mute. */
const roomAsStored = (occurrenceId: string) =>
  runInDurableObject(stubFor(occurrenceId), (_room, state) => {
    const row = state.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'state'").toArray()[0];
    const { locked, chatMode, hands, timer } = row ? (JSON.parse(row.value) as RoomState) : INITIAL_STATE;
    const people = state.storage.sql
      .exec("SELECT id, muted, can_self_unmute FROM participants WHERE status = 'admitted' ORDER BY id")
      .toArray();
    return { locked, chatMode, hands, timer, people };
  });

/** A live room with a host and three attendees, all welcomed. */
async function roomOfFour() {
  const room = await liveRoom();
  const host = await enter(room.occurrenceId, "host", {}, room.host.auth);
  await host.socket.next("welcome");
  const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => enter(room.occurrenceId, n)));
  for (const p of [alice, bob, carol]) await p?.socket.next("welcome");
  if (!alice || !bob || !carol) throw new Error("three attendees");
  return { ...room, hs: host.socket, alice, bob, carol, all: [host, alice, bob, carol] };
}

describe("resume meeting", () => {
  it("restores the lock, chat mode and each mute exactly as they were before suspend all, also after hibernation", async () => {
    const { occurrenceId, hs, alice, bob, carol, all } = await roomOfFour();
    // Before: chat for hosts only, the room locked, Alice muted by the host, Bob muted but allowed
    // to unmute himself, Carol unmuted herself after a "mute all" that allowed it.
    hs.send({ type: "host.muteAll", allowSelfUnmute: true });
    await carol.socket.next("roster", (f) =>
      f.changes.some((c) => c.op === "upsert" && c.participant.id === carol.participantId && c.participant.muted),
    );
    carol.socket.send({ type: "self.unmute" });
    await hs.next("roster", (f) =>
      f.changes.some((c) => c.op === "upsert" && c.participant.id === carol.participantId && !c.participant.muted),
    );
    hs.send({ type: "host.mute", participantId: alice.participantId });
    await hs.next("moderation", (f) => f.action === "mute" && f.participantId === alice.participantId);
    hs.send({ type: "host.chatMode", mode: "hosts" });
    hs.send({ type: "host.lock", locked: true });
    await hs.next("state", (f) => f.state.locked && f.state.chatMode === "hosts");
    const before = await roomAsStored(occurrenceId);
    expect(before.people.filter((p) => Number(p.muted) === 1)).toHaveLength(2);

    hs.send({ type: "host.suspendAll" });
    await bob.socket.next("state", (f) => f.state.chatMode === "off" && f.state.suspended === true);
    // Suspending twice keeps the first snapshot (the second one would record the suspended room).
    hs.send({ type: "host.suspendAll" });
    await hs.until((s) => s.of("moderation").filter((f) => f.action === "suspendAll").length === 2, "second suspend");
    const suspended = await roomAsStored(occurrenceId);
    expect(suspended.people.every((p) => Number(p.muted) === 1 || p.id === all[0]?.participantId)).toBe(true);
    expect(suspended.chatMode).toBe("off");

    // The snapshot lives in room storage: an evicted (hibernated) room still knows what to restore.
    await evictDurableObject(stubFor(occurrenceId));
    hs.send({ type: "host.resume" });
    await carol.socket.next("moderation", (f) => f.action === "resume");
    await bob.socket.next("state", (f) => f.state.chatMode === "hosts" && f.state.suspended === false);
    expect(await roomAsStored(occurrenceId)).toEqual(before);
    const audit = await db(env).select().from(moderationAudit).where(eq(moderationAudit.occurrenceId, occurrenceId));
    expect(audit.map((a) => a.action)).toContain("resume");
    for (const p of all) p.socket.close();
  });

  it("refuses a resume without a suspend, and a second resume", async () => {
    const { occurrenceId, hs, all } = await roomOfFour();
    const before = await roomAsStored(occurrenceId);
    hs.send({ type: "host.resume" });
    expect((await hs.next("error")).code).toBe("not_suspended");
    hs.send({ type: "host.suspendAll" });
    await hs.next("state", (f) => f.state.suspended === true);
    hs.send({ type: "host.resume" });
    await hs.next("state", (f) => f.state.suspended === false);
    hs.send({ type: "host.resume" });
    await hs.until((s) => s.of("error").filter((e) => e.code === "not_suspended").length === 2, "second refusal");
    expect(await roomAsStored(occurrenceId)).toEqual(before);
    for (const p of all) p.socket.close();
  });

  it("an attendee cannot resume a suspended meeting", async () => {
    const { occurrenceId, hs, alice, all } = await roomOfFour();
    hs.send({ type: "host.suspendAll" });
    await alice.socket.next("state", (f) => f.state.suspended === true);
    const suspended = await roomAsStored(occurrenceId);
    alice.socket.send({ type: "host.resume" });
    expect((await alice.socket.next("error")).code).toBe("forbidden");
    expect(await roomAsStored(occurrenceId)).toEqual(suspended);
    expect(alice.socket.of("moderation").some((f) => f.action === "resume")).toBe(false);
    for (const p of all) p.socket.close();
  });
});

describe("the report queue", () => {
  it("keeps one report per person per message, and a host dismisses reports and flags without acting", async () => {
    const { hs, alice, bob, carol, all } = await roomOfFour();
    alice.socket.send({ type: "chat.send", text: "message me on telegram" });
    const line = await bob.socket.next("chat.message", (f) => f.message.text.includes("telegram"));
    await hs.next("flags", (f) => f.flags.some((x) => x.messageId === line.message.id));
    bob.socket.send({ type: "report", messageId: line.message.id, reason: "selling" });
    bob.socket.send({ type: "report", messageId: line.message.id, reason: "selling" });
    // One socket's frames are handled in order: once the host sees Bob's reaction, both reports are in.
    bob.socket.send({ type: "reaction", emoji: "🙏" });
    await hs.next("reaction", (f) => f.participantId === bob.participantId);
    carol.socket.send({ type: "report", messageId: line.message.id, reason: "" });
    const withCarol = await hs.next("reports", (f) => f.reports.some((r) => r.reporterId === carol.participantId));
    expect(withCarol.reports.map((r) => r.reporterId).sort()).toEqual([bob.participantId, carol.participantId].sort());
    expect(hs.of("reports").every((f) => f.reports.length <= 2)).toBe(true);

    // Only hosts dismiss.
    bob.socket.send({ type: "host.dismissReport", messageId: line.message.id });
    expect((await bob.socket.next("error")).code).toBe("forbidden");

    hs.send({ type: "host.dismissReport", messageId: line.message.id });
    await hs.next("reports", (f) => f.reports.length === 0);
    await hs.next("flags", (f) => f.flags.length === 0);
    // The message itself stays: dismissing is not deleting.
    expect(hs.of("chat.deleted")).toHaveLength(0);
    hs.send({ type: "host.dismissReport", messageId: line.message.id });
    expect((await hs.next("error")).code).toBe("not_found");
    for (const p of all) p.socket.close();
  });
});
