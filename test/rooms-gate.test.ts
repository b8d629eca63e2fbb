import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../worker/db/client";
import { occurrences } from "../worker/db/schema";
import { createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import { createMeeting, createOccurrence, enter, joinOk, joinRequest, liveRoom, TestSocket, upgrade } from "./rooms-helpers";

const code = async (res: Response) => ((await res.json()) as ErrorJson).error.code;

describe("join gate: passcodes", () => {
  it("admits the right passcode and refuses a wrong one with 401 bad_passcode", async () => {
    const { occurrenceId } = await liveRoom({ passcode: "serenity" });
    const ok = await joinRequest(occurrenceId, "pass-right", { displayName: "Sam", passcode: "serenity" });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ role: "attendee", waiting: false });
    expect(body.wsUrl).toBe(`/api/rooms/${occurrenceId}?ticket=${body.ticket}`);
    expect(typeof body.sessionToken).toBe("string");
    const bad = await joinRequest(occurrenceId, "pass-wrong", { passcode: "nope" });
    expect(bad.status).toBe(401);
    expect(await code(bad)).toBe("bad_passcode");
    const none = await joinRequest(occurrenceId, "pass-none", {});
    expect(none.status).toBe(401);
  });

  it("locks a fingerprint out after 5 wrong guesses with 429 and Retry-After, even for the right passcode", async () => {
    const { occurrenceId } = await liveRoom({ passcode: "serenity" });
    const left: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const wrong = await joinRequest(occurrenceId, "guesser", { passcode: `wrong${i}` });
      expect(wrong.status).toBe(401);
      left.push(wrong.headers.get("X-Passcode-Attempts-Left"));
    }
    expect(left).toEqual(["4", "3", "2", "1", "0"]);
    const locked = await joinRequest(occurrenceId, "guesser", { passcode: "serenity" });
    expect(locked.status).toBe(429);
    expect(await code(locked)).toBe("too_many_guesses");
    const retry = Number(locked.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(800);
    expect(retry).toBeLessThanOrEqual(900);
    // Another fingerprint is unaffected.
    expect((await joinRequest(occurrenceId, "someone-else", { passcode: "serenity" })).status).toBe(200);
  });

  it("lets a signed-in host skip the passcode and join as host", async () => {
    const { occurrenceId, host } = await liveRoom({ passcode: "serenity" });
    const joined = await joinOk(occurrenceId, "host-skip", {}, host.auth);
    expect(joined.role).toBe("host");
  });
});

describe("join gate: session state", () => {
  it("refuses attendees before the early-join window with 409 not_live; a host starts the occurrence", async () => {
    const { group, meetingId } = await createMeeting();
    // Outside the attendees' 15-minute early join, inside the hosts' one-hour start window.
    const occurrenceId = await createOccurrence(meetingId, { status: "scheduled", startsAt: Date.now() + 40 * 60_000 });
    const early = await joinRequest(occurrenceId, "early");
    expect(early.status).toBe(409);
    expect(await code(early)).toBe("not_live");
    const host = await createMember(group.id, ["host"]);
    expect((await joinOk(occurrenceId, "starter", {}, host.auth)).role).toBe("host");
    const row = await db(env).select().from(occurrences).where(eq(occurrences.id, occurrenceId)).get();
    expect(row?.status).toBe("live");
    expect((await joinRequest(occurrenceId, "early")).status).toBe(200);
  });

  it("admits attendees inside the early-join window", async () => {
    const { meetingId } = await createMeeting();
    const occurrenceId = await createOccurrence(meetingId, { status: "scheduled", startsAt: Date.now() + 5 * 60_000 });
    expect((await joinRequest(occurrenceId, "window")).status).toBe(200);
  });

  it("treats a treasurer as an attendee (only hosts and admins host)", async () => {
    const { occurrenceId, group } = await liveRoom();
    const treasurer = await createMember(group.id, ["treasurer"]);
    expect((await joinOk(occurrenceId, "treasurer", {}, treasurer.auth)).role).toBe("attendee");
  });

  it("refuses a full room with 409 room_full", async () => {
    const { occurrenceId } = await liveRoom({ capacity: 1 });
    const first = await enter(occurrenceId, "first");
    await first.socket.next("welcome");
    const full = await joinRequest(occurrenceId, "second");
    expect(full.status).toBe(409);
    expect(await code(full)).toBe("room_full");
    first.socket.close();
  });

  it("counts joins whose socket is not open yet, so a burst cannot overshoot the capacity", async () => {
    const { occurrenceId } = await liveRoom({ capacity: 2 });
    const results = await Promise.all(["b1", "b2", "b3", "b4"].map((who) => joinRequest(occurrenceId, who)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 409, 409]);
  });

  it("answers bad input with 400 naming the field, and unknown rooms with 404", async () => {
    const { occurrenceId } = await liveRoom();
    const link = await joinRequest(occurrenceId, "linky", { displayName: "visit spam.ru" });
    expect(link.status).toBe(400);
    expect(((await link.json()) as ErrorJson).error.issues?.[0]?.path).toBe("json.displayName");
    const long = await joinRequest(occurrenceId, "long", { displayName: "x".repeat(33) });
    expect(long.status).toBe(400);
    expect((await joinRequest("occ_missing", "nobody")).status).toBe(404);
  });

  it("defaults the display name to Guest", async () => {
    const { occurrenceId } = await liveRoom();
    const res = await joinRequest(occurrenceId, "guest", {});
    const body = (await res.json()) as { wsUrl: string };
    const socket = await TestSocket.open(body.wsUrl);
    const welcome = await socket.next("welcome");
    expect(welcome.self.name).toBe("Guest");
    socket.close();
  });
});

describe("tickets", () => {
  it("refuses a replayed ticket, a foreign ticket, a forged one and a non-upgrade request", async () => {
    const { occurrenceId } = await liveRoom();
    const other = await liveRoom();
    const joined = await joinOk(occurrenceId, "ticket-holder");
    const first = await upgrade(joined.wsUrl);
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    const replay = await upgrade(joined.wsUrl);
    expect(replay.status).toBe(401);
    expect(await code(replay)).toBe("ticket_used");
    const foreign = await upgrade(`/api/rooms/${other.occurrenceId}?ticket=${joined.ticket}`);
    expect(foreign.status).toBe(403);
    const forged = await upgrade(`/api/rooms/${occurrenceId}?ticket=${joined.ticket.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
    const plain = await call(joined.wsUrl);
    expect(plain.status).toBe(426);
    first.webSocket?.close();
  });

  it("ignores identity headers a client tries to send with the upgrade", async () => {
    const { occurrenceId } = await liveRoom();
    const victim = await enter(occurrenceId, "victim");
    await victim.socket.next("welcome");
    const attacker = await joinOk(occurrenceId, "attacker");
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch(
      new Request(`http://127.0.0.1:8787${attacker.wsUrl}`, { headers: { Upgrade: "websocket", "x-meetinghouse-participant": victim.participantId } }),
    );
    res.webSocket?.accept();
    const frames: { type: string; self?: { id: string } }[] = [];
    res.webSocket?.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data))));
    await victim.socket.until((s) => s.of("roster").some((r) => r.changes.some((c) => c.op === "upsert" && c.participant.id === attacker.participantId)), "attacker in roster");
    expect(frames.find((f) => f.type === "welcome")?.self?.id).toBe(attacker.participantId);
    victim.socket.close();
    res.webSocket?.close();
  });
});
