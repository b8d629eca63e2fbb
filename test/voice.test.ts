/**
 * Voice in the room against the development SFU (started by test/dev-sfu-setup.ts on loopback):
 * the room alone publishes and closes tracks, the floor rules hold against a client that ignores
 * them, and the SFU's app secret never reaches a client.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { MeetingRoom } from "../worker/rooms/meeting-room";
import { sfuSettings } from "../worker/voice/sfu-client";
import { turnSettings } from "../worker/voice/turn-client";
import { VoiceStore } from "../worker/voice/voice-store";
import { call } from "./helpers";
import { enter, liveRoom, type TestSocket } from "./rooms-helpers";
import { audioOffer, brokenAnswer, listenerAnswer, speakerOffer } from "./voice-sdp";

const stubFor = (occurrenceId: string) => env.MeetingRoom.getByName(occurrenceId) as DurableObjectStub<MeetingRoom>;
const settings = sfuSettings(env);
if (!settings) throw new Error("the worker tests bind REALTIME_* (vitest.config.ts)");
const SECRET = settings.secret;
const turn = turnSettings(env);
if (!turn) throw new Error("the worker tests bind TURN_KEY_* (vitest.config.ts)");

/** The development SFU's count of API calls by operation (as an operator's metrics would show). */
async function sfuCalls(): Promise<Record<string, number>> {
  const res = await fetch(`${settings?.base}/dev/calls`, { headers: { authorization: `Bearer ${SECRET}` } });
  return (await res.json()) as Record<string, number>;
}

/** What the development SFU says about a session (the test asks it directly, as an operator could). */
async function sfuTracks(
  sessionId: string,
): Promise<{ location: string; mid: string; trackName: string; status: string }[]> {
  const res = await fetch(`${settings?.base}/apps/${settings?.appId}/sessions/${sessionId}`, {
    headers: { authorization: `Bearer ${SECRET}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { tracks: { location: string; mid: string; trackName: string; status: string }[] })
    .tracks;
}

/** The participant's SFU session id, from the room's own storage. */
const sessionOf = (occurrenceId: string, participantId: string) =>
  runInDurableObject(stubFor(occurrenceId), (_room, state) => {
    const rows = state.storage.sql
      .exec<{ session_id: string }>("SELECT session_id FROM voice_sessions WHERE participant_id = ?", participantId)
      .toArray();
    return rows[0]?.session_id ?? null;
  });

const activeLocal = async (sessionId: string) =>
  (await sfuTracks(sessionId)).filter((t) => t.location === "local" && t.status === "active");

async function room() {
  const r = await liveRoom();
  const host = await enter(r.occurrenceId, "host", {}, r.host.auth);
  await host.socket.next("welcome");
  const alice = await enter(r.occurrenceId, "alice");
  await alice.socket.next("welcome");
  const bob = await enter(r.occurrenceId, "bob");
  await bob.socket.next("welcome");
  return { ...r, hs: host.socket, alice, bob };
}

async function joinVoice(socket: TestSocket, id: number): Promise<void> {
  const before = socket.of("voice.answer").length;
  const errors = socket.of("error").length;
  socket.send({ type: "voice.join", sdp: audioOffer(id) });
  await socket.until((s) => s.of("voice.answer").length > before || s.of("error").length > errors, "voice.answer");
  expect(socket.of("error").slice(errors)).toEqual([]);
}

/** Sends unmute and waits for the room's word: an answer (published) or an error (refused). */
async function unmute(socket: TestSocket, id: number): Promise<"published" | string> {
  const answers = socket.of("voice.answer").length;
  const errors = socket.of("error").length;
  socket.send({ type: "voice.unmute", sdp: audioOffer(id), mid: "0" });
  await socket.until((s) => s.of("voice.answer").length > answers || s.of("error").length > errors, "unmute outcome");
  const error = socket.of("error")[errors];
  return error ? error.code : "published";
}

describe("voice: the room is the authority", () => {
  it("raise-hand mode: no floor, no track; the host gives the floor, listeners are offered the speaker; done returns it and closes the mic", async () => {
    const { occurrenceId, hs, alice, bob } = await room();
    hs.send({ type: "host.floorMode", mode: "raise_hand" });
    await alice.socket.next("voice.state", (f) => f.voice.mode === "raise_hand");
    await joinVoice(alice.socket, 1);
    await joinVoice(bob.socket, 2);
    const aliceSession = await sessionOf(occurrenceId, alice.participantId);
    expect(aliceSession).toBeTruthy();

    // A modified client that just sends unmute without the floor: refused, and nothing on the SFU.
    expect(await unmute(alice.socket, 1)).toBe("no_floor");
    expect(await activeLocal(String(aliceSession))).toEqual([]);
    expect(bob.socket.of("voice.offer")).toEqual([]);

    hs.send({ type: "host.floorGive", participantId: alice.participantId, seconds: 120 });
    await alice.socket.next("voice.state", (f) => f.voice.floor === alice.participantId);
    await alice.socket.next("timer", (f) => f.seconds === 120);
    expect(await unmute(alice.socket, 1)).toBe("published");
    expect(await activeLocal(String(aliceSession))).toHaveLength(1);
    // The listener is offered the speaker's track and answers; the SFU now forwards it to bob.
    const offer = await bob.socket.next("voice.offer");
    bob.socket.send({ type: "voice.renegotiate", sdp: listenerAnswer(offer.sdp) });
    const bobSession = String(await sessionOf(occurrenceId, bob.participantId));
    const pulled = (await sfuTracks(bobSession)).filter((t) => t.location === "remote" && t.status === "active");
    expect(pulled).toHaveLength(1);
    // The offer names whose microphone the pulled mid carries (bob's roster shows alice speaking from its level).
    expect(offer.tracks).toEqual([{ mid: pulled[0]?.mid, participantId: alice.participantId }]);
    await hs.next("voice.state", (f) => f.voice.speakers.includes(alice.participantId));

    // Bob has no floor: still refused while alice speaks.
    expect(await unmute(bob.socket, 2)).toBe("no_floor");

    alice.socket.send({ type: "floor.done" });
    expect((await alice.socket.next("voice.stopped")).reason).toBe("floor_returned");
    await hs.next("voice.state", (f) => f.voice.floor === null && f.voice.speakers.length === 0);
    expect(await activeLocal(String(aliceSession))).toEqual([]);
  });

  it("host mute closes the speaker's track on the SFU, and a muted client's unmute is refused", async () => {
    const { occurrenceId, hs, alice } = await room();
    await joinVoice(alice.socket, 3);
    expect(await unmute(alice.socket, 3)).toBe("published");
    const aliceSession = String(await sessionOf(occurrenceId, alice.participantId));
    expect(await activeLocal(aliceSession)).toHaveLength(1);

    hs.send({ type: "host.mute", participantId: alice.participantId });
    expect((await alice.socket.next("voice.stopped")).reason).toBe("muted_by_host");
    expect(await activeLocal(aliceSession)).toEqual([]);
    // The client ignores the mute and tries again: refused, nothing published.
    expect(await unmute(alice.socket, 3)).toBe("muted_by_host");
    expect(await activeLocal(aliceSession)).toEqual([]);
  });

  it("a host mute racing the unmute still ends with the track closed", async () => {
    const { occurrenceId, hs, alice } = await room();
    await joinVoice(alice.socket, 4);
    alice.socket.send({ type: "voice.unmute", sdp: audioOffer(4), mid: "0" });
    hs.send({ type: "host.mute", participantId: alice.participantId });
    await hs.next("moderation", (f) => f.action === "mute");
    await alice.socket.until(
      (s) => s.of("voice.stopped").length > 0 || s.of("error").some((e) => e.code === "muted_by_host"),
      "mute outcome",
    );
    const aliceSession = String(await sessionOf(occurrenceId, alice.participantId));
    expect(await activeLocal(aliceSession)).toEqual([]);
  });

  it("remove closes every track of the removed participant's session (mic and what they pulled)", async () => {
    const { occurrenceId, hs, alice, bob } = await room();
    await joinVoice(alice.socket, 5);
    await joinVoice(bob.socket, 6);
    expect(await unmute(bob.socket, 6)).toBe("published");
    const offer = await alice.socket.next("voice.offer");
    alice.socket.send({ type: "voice.renegotiate", sdp: listenerAnswer(offer.sdp) });
    const aliceSession = String(await sessionOf(occurrenceId, alice.participantId));
    expect(await unmute(alice.socket, 5)).toBe("published");
    expect((await sfuTracks(aliceSession)).filter((t) => t.status === "active")).toHaveLength(2);

    hs.send({ type: "host.remove", participantId: alice.participantId });
    await alice.socket.until((s) => s.closed, "removed");
    await hs.next("voice.state", (f) => !f.voice.speakers.includes(alice.participantId));
    // The room closes the session's local and pulled tracks: the removed person neither speaks nor hears.
    const tracks = await sfuTracks(aliceSession);
    expect(tracks.filter((t) => t.location === "local" && t.status === "active")).toEqual([]);
    expect(tracks.filter((t) => t.location === "remote")).toEqual([]);
    expect(await sessionOf(occurrenceId, alice.participantId)).toBeNull();
  });

  it("host-only mode closes attendees' mics; the share timer's end returns the floor", async () => {
    const { occurrenceId, hs, alice } = await room();
    await joinVoice(alice.socket, 7);
    expect(await unmute(alice.socket, 7)).toBe("published");
    const aliceSession = String(await sessionOf(occurrenceId, alice.participantId));
    hs.send({ type: "host.floorMode", mode: "host_only" });
    expect((await alice.socket.next("voice.stopped")).reason).toBe("floor_mode");
    expect(await activeLocal(aliceSession)).toEqual([]);

    hs.send({ type: "host.floorMode", mode: "raise_hand" });
    hs.send({ type: "host.floorGive", participantId: alice.participantId, seconds: 60 });
    await alice.socket.next("voice.state", (f) => f.voice.floor === alice.participantId);
    expect(await unmute(alice.socket, 7)).toBe("published");
    // The share timer ends (the room's alarm, at the timer's deadline on the room's clock).
    const stub = stubFor(occurrenceId);
    await runInDurableObject(stub, (r: MeetingRoom) => {
      const later = Date.now() + 61_000;
      r.clock.now = () => later;
    });
    await runDurableObjectAlarm(stub);
    await alice.socket.next("voice.stopped", (f) => f.reason === "floor_returned");
    expect(await activeLocal(aliceSession)).toEqual([]);
  });

  it("a speaker who stops: every listener's pull of the track closes on the SFU, and the listener's description stays the same size over many speakers", async () => {
    const { occurrenceId, alice, bob } = await room();
    await joinVoice(alice.socket, 11);
    await joinVoice(bob.socket, 12);
    const bobSession = String(await sessionOf(occurrenceId, bob.participantId));
    const remote = async () => (await sfuTracks(bobSession)).filter((t) => t.location === "remote");
    const mLines: number[] = [];
    for (let round = 1; round <= 3; round++) {
      expect(await unmute(alice.socket, 11)).toBe("published");
      const offer = await bob.socket.until((s) => s.of("voice.offer")[round - 1], "voice.offer");
      mLines.push(offer.sdp.match(/^m=/gm)?.length ?? 0);
      bob.socket.send({ type: "voice.renegotiate", sdp: listenerAnswer(offer.sdp) });
      await expect.poll(remote).toEqual([expect.objectContaining({ status: "active" })]);
      alice.socket.send({ type: "voice.mute" });
      await alice.socket.until((s) => s.of("voice.stopped")[round - 1], "voice.stopped");
      // The room closes bob's pull of the stopped track: his session holds no dead track.
      await expect.poll(remote).toEqual([]);
    }
    // Bob's own slot plus one pulled track, every round: the SFU reuses the closed pull's slot.
    expect(mLines).toEqual([2, 2, 2]);
  });

  it("a speaker's offers reuse a stopped microphone's m-line under a new mid, as browsers do: every unmute publishes, one live track at a time", async () => {
    const { occurrenceId, alice, bob } = await room();
    await joinVoice(alice.socket, 21);
    await joinVoice(bob.socket, 22);
    const aliceSession = String(await sessionOf(occurrenceId, alice.participantId));
    // Slot 1 and slot 2 take turns: each unmute stops the last microphone (port 0) and reuses the other line.
    const rounds = [
      { mid: "1", slots: [{ mid: "1" }] },
      { mid: "2", slots: [{ mid: "1", stopped: true }, { mid: "2" }] },
      { mid: "3", slots: [{ mid: "3" }, { mid: "2", stopped: true }] },
      { mid: "4", slots: [{ mid: "3", stopped: true }, { mid: "4" }] },
      { mid: "5", slots: [{ mid: "5" }, { mid: "4", stopped: true }] },
    ];
    for (const [i, round] of rounds.entries()) {
      const errors = alice.socket.of("error").length;
      const answers = alice.socket.of("voice.answer").length;
      alice.socket.send({ type: "voice.unmute", sdp: speakerOffer(21, round.slots), mid: round.mid });
      await alice.socket.until(
        (s) => s.of("voice.answer").length > answers || s.of("error").length > errors,
        "unmute outcome",
      );
      expect(alice.socket.of("error")).toHaveLength(errors);
      expect((await activeLocal(aliceSession)).map((t) => t.mid)).toEqual([round.mid]);
      // Bob is offered each new microphone of hers and answers.
      const offer = await bob.socket.until((s) => s.of("voice.offer")[i], "voice.offer");
      expect(offer.tracks.map((t) => t.participantId)).toEqual([alice.participantId]);
      bob.socket.send({ type: "voice.renegotiate", sdp: listenerAnswer(offer.sdp) });
      alice.socket.send({ type: "voice.mute" });
      await alice.socket.until((s) => s.of("voice.stopped")[i], "voice.stopped");
      expect(await activeLocal(aliceSession)).toEqual([]);
    }
  });

  it("a listener whose answer the SFU refuses is told, and its broken session closes: joining audio again hears the speaker", async () => {
    const { occurrenceId, alice, bob } = await room();
    await joinVoice(alice.socket, 31);
    await joinVoice(bob.socket, 32);
    const bobSession = String(await sessionOf(occurrenceId, bob.participantId));
    expect(await unmute(alice.socket, 31)).toBe("published");
    await bob.socket.next("voice.offer");
    // An answer the SFU cannot take (a client's bug, or a description the SFU rejects).
    bob.socket.send({ type: "voice.renegotiate", sdp: brokenAnswer(), requestId: "r-1" });
    const failed = await bob.socket.until((s) => s.of("error")[0], "renegotiate refusal");
    expect(["voice_refused", "voice_unavailable"]).toContain(failed.code);
    expect(failed.requestId).toBe("r-1");
    // The room keeps no session waiting for an answer that will never come: it is closed on the SFU too.
    expect(await sessionOf(occurrenceId, bob.participantId)).toBeNull();
    expect((await sfuTracks(bobSession)).filter((t) => t.location === "remote")).toEqual([]);
    // Bob joins audio again (as the client does after the notice) and is offered alice's microphone.
    await joinVoice(bob.socket, 33);
    const again = await bob.socket.until((s) => s.of("voice.offer")[1], "voice.offer after rejoin");
    expect(again.tracks.map((t) => t.participantId)).toEqual([alice.participantId]);
    bob.socket.send({ type: "voice.renegotiate", sdp: listenerAnswer(again.sdp) });
    const newSession = String(await sessionOf(occurrenceId, bob.participantId));
    await expect
      .poll(async () => (await sfuTracks(newSession)).filter((t) => t.location === "remote" && t.status === "active"))
      .toHaveLength(1);
    // A later speaker reaches him too: nothing queues behind the refused answer.
    alice.socket.send({ type: "voice.mute" });
    await alice.socket.next("voice.stopped");
    expect(await unmute(alice.socket, 31)).toBe("published");
    await bob.socket.until((s) => s.of("voice.offer")[2], "the next speaker's offer");
  });

  it("request ids: the room echoes a voice frame's id on its answer and on its refusal, and names the join's id on each offer for that session", async () => {
    const { hs, alice, bob } = await room();
    alice.socket.send({ type: "voice.ice", requestId: "a-1" });
    expect((await alice.socket.next("voice.ice")).requestId).toBe("a-1");
    alice.socket.send({ type: "voice.join", sdp: audioOffer(41), requestId: "a-2" });
    expect((await alice.socket.next("voice.answer")).requestId).toBe("a-2");
    bob.socket.send({ type: "voice.join", sdp: audioOffer(42), requestId: "b-1" });
    expect((await bob.socket.next("voice.answer")).requestId).toBe("b-1");

    // A refusal names the refused frame: here the floor rules say no.
    hs.send({ type: "host.floorMode", mode: "raise_hand" });
    await alice.socket.next("voice.state", (f) => f.voice.mode === "raise_hand");
    alice.socket.send({ type: "voice.unmute", sdp: audioOffer(41), mid: "0", requestId: "a-3" });
    expect(await alice.socket.next("error")).toMatchObject({ code: "no_floor", requestId: "a-3" });

    hs.send({ type: "host.floorGive", participantId: alice.participantId });
    await alice.socket.next("voice.state", (f) => f.voice.floor === alice.participantId);
    alice.socket.send({ type: "voice.unmute", sdp: audioOffer(41), mid: "0", requestId: "a-4" });
    expect((await alice.socket.until((s) => s.of("voice.answer")[1], "unmute answer")).requestId).toBe("a-4");
    // Bob's offer names the join that opened his session: a client drops an offer meant for an older connection.
    const offer = await bob.socket.next("voice.offer");
    expect(offer.joinId).toBe("b-1");
    bob.socket.send({ type: "voice.renegotiate", sdp: listenerAnswer(offer.sdp), requestId: "b-2" });
    // Answering twice: nothing to answer, and the refusal names the second answer.
    bob.socket.send({ type: "voice.renegotiate", sdp: listenerAnswer(offer.sdp), requestId: "b-3" });
    expect(await bob.socket.next("error")).toMatchObject({ code: "no_offer", requestId: "b-3" });
    // A frame the room cannot read still echoes a valid id; an id over the bound is itself refused.
    bob.socket.send({ type: "voice.unmute", sdp: "", mid: "0", requestId: "b-4" });
    expect(await bob.socket.until((s) => s.of("error")[1], "invalid frame")).toMatchObject({
      code: "invalid_message",
      requestId: "b-4",
    });
    bob.socket.send({ type: "voice.mute", requestId: "x".repeat(33) });
    const tooLong = await bob.socket.until((s) => s.of("error")[2], "id too long");
    expect(tooLong.code).toBe("invalid_message");
    expect(tooLong.requestId).toBeUndefined();
    // Frames without an id (older clients) are answered as before, without one.
    alice.socket.send({ type: "voice.mute" });
    await alice.socket.next("voice.stopped");
    alice.socket.send({ type: "voice.unmute", sdp: audioOffer(41), mid: "0" });
    const plain = await alice.socket.until((s) => s.of("voice.answer")[2], "unmute answer without id");
    expect(plain.requestId).toBeUndefined();
  });

  it("a give lists the room's voice sessions a fixed number of times however many listen: no scan of every session per listener's pull or answer", async () => {
    const listings = vi.spyOn(VoiceStore.prototype, "all");
    /** Listings of every session while `n` listeners are offered a speaker and answer. */
    const listingsPerGive = async (n: number, base: number) => {
      const r = await liveRoom();
      const speaker = await enter(r.occurrenceId, "speaker");
      await speaker.socket.next("welcome");
      await joinVoice(speaker.socket, base);
      const listeners = [];
      for (let i = 1; i <= n; i++) {
        const l = await enter(r.occurrenceId, `listener-${i}`);
        await l.socket.next("welcome");
        await joinVoice(l.socket, base + i);
        listeners.push(l);
      }
      listings.mockClear();
      expect(await unmute(speaker.socket, base)).toBe("published");
      for (const l of listeners) {
        const offer = await l.socket.until((s) => s.of("voice.offer")[0], "voice.offer");
        l.socket.send({ type: "voice.renegotiate", sdp: listenerAnswer(offer.sdp) });
      }
      // Every answer handled: no session waits for one (read straight from storage, not counted).
      await expect
        .poll(() =>
          runInDurableObject(
            stubFor(r.occurrenceId),
            (_room, state) =>
              state.storage.sql.exec("SELECT COUNT(*) AS n FROM voice_sessions WHERE awaiting = 1").one().n,
          ),
        )
        .toBe(0);
      return listings.mock.calls.length;
    };
    try {
      expect(await listingsPerGive(6, 60)).toBe(await listingsPerGive(1, 70));
    } finally {
      listings.mockRestore();
    }
  });

  it("attendees cannot use the host's floor actions", async () => {
    const { alice } = await room();
    alice.socket.send({ type: "host.floorMode", mode: "open" });
    alice.socket.send({ type: "host.floorGive", participantId: alice.participantId });
    await alice.socket.until((s) => s.of("error").length >= 2, "two refusals");
    expect(alice.socket.of("error").map((e) => e.code)).toEqual(["forbidden", "forbidden"]);
    alice.socket.send({ type: "voice.unmute", sdp: audioOffer(8), mid: "0" });
    expect((await alice.socket.until((s) => s.of("error")[2])).code).toBe("voice_not_joined");
  });

  it("suspend all closes the speaker's track; resume gives her voice back as it was but opens no microphone by itself", async () => {
    const { occurrenceId, hs, alice } = await room();
    await joinVoice(alice.socket, 11);
    expect(await unmute(alice.socket, 11)).toBe("published");
    const aliceSession = String(await sessionOf(occurrenceId, alice.participantId));
    expect(await activeLocal(aliceSession)).toHaveLength(1);

    hs.send({ type: "host.suspendAll" });
    expect((await alice.socket.next("voice.stopped")).reason).toBe("muted_by_host");
    expect(await activeLocal(aliceSession)).toEqual([]);

    hs.send({ type: "host.resume" });
    await hs.next("roster", (f) =>
      f.changes.some((c) => c.op === "upsert" && c.participant.id === alice.participantId && !c.participant.muted),
    );
    // Unmuted in the roster, silent on the SFU: only her own unmute publishes again.
    expect(await activeLocal(aliceSession)).toEqual([]);
    expect(hs.of("voice.state").at(-1)?.voice.speakers ?? []).not.toContain(alice.participantId);
    expect(await unmute(alice.socket, 11)).toBe("published");
    expect(await activeLocal(aliceSession)).toHaveLength(1);
  });

  it("ICE servers are minted with the TURN key for the participant who joins audio and reach them alone; the key's token never leaves the Worker", async () => {
    const { hs, alice, bob } = await room();
    const before = (await sfuCalls())["POST turn"] ?? 0;
    alice.socket.send({ type: "voice.ice" });
    const ice = await alice.socket.next("voice.ice");
    // The development SFU answers Cloudflare TURN's request in its shape, with no servers (nothing to relay on loopback).
    expect(ice.iceServers).toEqual([]);
    expect((await sfuCalls())["POST turn"]).toBe(before + 1);
    await joinVoice(alice.socket, 13);
    // Nobody else got ICE servers: not the host, not bob (who did not join audio).
    bob.socket.send({ type: "chat.send", text: "still here" });
    await hs.next("chat.message", (f) => f.message.text === "still here");
    expect(hs.of("voice.ice")).toEqual([]);
    expect(bob.socket.of("voice.ice")).toEqual([]);
    const seen = JSON.stringify([hs.frames, alice.socket.frames, bob.socket.frames, alice.ticket, alice.sessionToken]);
    expect(seen).not.toContain(turn?.token ?? "unset");
    const described = await call("/api/asyncapi.json");
    expect(await described.text()).not.toContain(turn?.token ?? "unset");
  });

  it("the SFU app secret never appears in a frame or an HTTP answer to a client", async () => {
    const { occurrenceId, hs, alice, bob } = await room();
    await joinVoice(alice.socket, 9);
    await joinVoice(bob.socket, 10);
    expect(await unmute(alice.socket, 9)).toBe("published");
    await bob.socket.next("voice.offer");
    hs.send({ type: "host.mute", participantId: alice.participantId });
    await alice.socket.next("voice.stopped");
    const seen = JSON.stringify([hs.frames, alice.socket.frames, bob.socket.frames, alice.ticket, alice.sessionToken]);
    expect(seen).not.toContain(SECRET);
    expect(seen).not.toContain(settings?.base ?? "unset");
    const described = await call("/api/asyncapi.json");
    expect(described.status).toBe(200);
    expect(await described.text()).not.toContain(SECRET);
    expect(await sessionOf(occurrenceId, alice.participantId)).toBeTruthy();
  });
});
