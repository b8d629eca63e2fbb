import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../worker/db/client";
import { occurrences } from "../worker/db/schema";
import { createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import type { Challenge } from "altcha-lib/types";
import { CHALLENGE_COST, CHALLENGE_TTL_SECONDS, createJoinChallenge } from "../worker/rooms/challenge";
import { CHALLENGE_AFTER_ROOM_FAILURES } from "../worker/rooms/gate";
import { ROOM_PROTOCOL, roomProtocols } from "#shared/room-socket-protocol";
import {
  createMeeting,
  createOccurrence,
  enter,
  errorCode,
  joinOk,
  joinRequest,
  liveRoom,
  type Ticketed,
  TestSocket,
  upgrade,
} from "./rooms-helpers";

describe("join gate: passcodes", () => {
  it("admits the right passcode and refuses a wrong one with 401 bad_passcode", async () => {
    const { occurrenceId } = await liveRoom({ passcode: "serenity" });
    const ok = await joinRequest(occurrenceId, "pass-right", { displayName: "Sam", passcode: "serenity" });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ role: "attendee", waiting: false });
    // The ticket never travels in a URL (URLs land in traces): the socket offers it as a subprotocol.
    expect(body.wsUrl).toBe(`/api/rooms/${occurrenceId}`);
    expect(typeof body.sessionToken).toBe("string");
    const bad = await joinRequest(occurrenceId, "pass-wrong", { passcode: "nope" });
    expect(bad.status).toBe(401);
    expect(await errorCode(bad)).toBe("bad_passcode");
    const none = await joinRequest(occurrenceId, "pass-none", {});
    expect(none.status).toBe(401);
  });

  it("locks an address out after 5 wrong guesses with 429 and Retry-After, even for the right passcode", async () => {
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
    expect(await errorCode(locked)).toBe("too_many_guesses");
    const retry = Number(locked.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(800);
    expect(retry).toBeLessThanOrEqual(900);
    // Another address is unaffected.
    expect((await joinRequest(occurrenceId, "someone-else", { passcode: "serenity" })).status).toBe(200);
  });

  it("does not multiply guesses for a client that changes its User-Agent (or other headers) each time", async () => {
    const { occurrenceId } = await liveRoom({ passcode: "serenity" });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const headers = { "User-Agent": `bot-${i}`, "X-Forwarded-For": `192.0.2.${i}`, "Accept-Language": `x-${i}` };
      statuses.push((await joinRequest(occurrenceId, "ua-rotator", { passcode: `guess${i}` }, headers)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it("counts an IPv6 guesser by its /64, whichever address in it they use", async () => {
    const { occurrenceId } = await liveRoom({ passcode: "serenity" });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const headers = { "CF-Connecting-IP": `2001:db8:7:9:${i.toString(16)}::${i + 1}` };
      statuses.push((await joinRequest(occurrenceId, "v6", { passcode: `guess${i}` }, headers)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(
      (await joinRequest(occurrenceId, "v6", { passcode: "serenity" }, { "CF-Connecting-IP": "2001:db8:7:a::1" }))
        .status,
    ).toBe(200);
  });

  it("lets a signed-in host skip the passcode and join as host", async () => {
    const { occurrenceId, host } = await liveRoom({ passcode: "serenity" });
    const joined = await joinOk(occurrenceId, "host-skip", {}, host.auth);
    expect(joined.role).toBe("host");
  });
});

/** Fetches the room's challenge and solves it the way the widget does (altcha-lib's own solver). */
async function solvedChallenge(occurrenceId: string, challenge?: Challenge): Promise<string> {
  const c = challenge ?? ((await (await call(`/api/occurrences/${occurrenceId}/challenge`)).json()) as Challenge);
  const solution = await solveChallenge({ challenge: c, deriveKey });
  if (!solution) throw new Error("challenge not solved");
  return btoa(JSON.stringify({ challenge: c, solution }));
}

/** Wrong guesses from many addresses, one each: a botnet at the room's door. */
async function hammer(occurrenceId: string, from: number, count: number) {
  for (let i = from; i < from + count; i++)
    expect((await joinRequest(occurrenceId, `bot-${i}`, { passcode: `nope${i}` })).status).toBe(401);
}

describe("join gate: proof-of-work challenge instead of a room lockout", () => {
  it("admits a correct passcode from another address while guessers hammer, after it solves the challenge", async () => {
    const { occurrenceId } = await liveRoom({ passcode: "serenity" });
    await hammer(occurrenceId, 0, CHALLENGE_AFTER_ROOM_FAILURES);
    const asked = await joinRequest(occurrenceId, "member", { displayName: "Sam", passcode: "serenity" });
    expect(asked.status).toBe(428);
    expect(await errorCode(asked)).toBe("challenge_required");
    const joined = await joinRequest(occurrenceId, "member", {
      displayName: "Sam",
      passcode: "serenity",
      altcha: await solvedChallenge(occurrenceId),
    });
    expect(joined.status).toBe(200);
    // The guessers keep going (each paying for a solved challenge): still wrong, never a lockout for others.
    const guess = await joinRequest(occurrenceId, "bot-99", {
      passcode: "nope",
      altcha: await solvedChallenge(occurrenceId),
    });
    expect(guess.status).toBe(401);
    for (let i = 100; i < 130; i++)
      expect((await joinRequest(occurrenceId, `bot-${i}`, { passcode: `nope${i}` })).status).toBe(428);
    const late = await joinRequest(occurrenceId, "late-member", {
      passcode: "serenity",
      altcha: await solvedChallenge(occurrenceId),
    });
    expect(late.status).toBe(200);
  });

  it("refuses a replayed, forged, foreign or expired challenge solution", async () => {
    const { occurrenceId } = await liveRoom({ passcode: "serenity" });
    const other = await liveRoom({ passcode: "serenity" });
    await hammer(occurrenceId, 0, CHALLENGE_AFTER_ROOM_FAILURES);
    const payload = await solvedChallenge(occurrenceId);
    expect((await joinRequest(occurrenceId, "first", { passcode: "serenity", altcha: payload })).status).toBe(200);
    const replay = await joinRequest(occurrenceId, "second", { passcode: "serenity", altcha: payload });
    expect(replay.status).toBe(403);
    expect(await errorCode(replay)).toBe("challenge_used");

    const fresh = JSON.parse(atob(await solvedChallenge(occurrenceId))) as {
      challenge: Challenge;
      solution: { counter: number; derivedKey: string };
    };
    const wrongCounter = btoa(
      JSON.stringify({
        ...fresh,
        solution: { ...fresh.solution, counter: fresh.solution.counter + 1, derivedKey: "00".repeat(32) },
      }),
    );
    const easier = btoa(
      JSON.stringify({
        ...fresh,
        challenge: { ...fresh.challenge, parameters: { ...fresh.challenge.parameters, cost: 1 } },
      }),
    );
    for (const forged of [wrongCounter, easier, "not base64 at all", btoa("{}")]) {
      const res = await joinRequest(occurrenceId, "forger", { passcode: "serenity", altcha: forged });
      expect(res.status).toBe(403);
      expect(await errorCode(res)).toBe("bad_challenge");
    }
    const foreign = await joinRequest(other.occurrenceId, "forger", {
      passcode: "serenity",
      altcha: await solvedChallenge(occurrenceId),
    });
    expect(await errorCode(foreign)).toBe("bad_challenge");

    const stale = await createJoinChallenge(
      env.JWT_SECRET,
      occurrenceId,
      Date.now() - CHALLENGE_TTL_SECONDS * 1000 - 60_000,
    );
    const expired = await joinRequest(occurrenceId, "slow", {
      passcode: "serenity",
      altcha: await solvedChallenge(occurrenceId, stale),
    });
    expect(expired.status).toBe(403);
    expect(await errorCode(expired)).toBe("challenge_expired");
  });

  it("serves challenges bound to the room, never cached", async () => {
    const { occurrenceId } = await liveRoom({ passcode: "serenity" });
    const res = await call(`/api/occurrences/${occurrenceId}/challenge`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const c = (await res.json()) as Challenge;
    expect(c.parameters).toMatchObject({
      algorithm: "PBKDF2/SHA-256",
      cost: CHALLENGE_COST,
      data: { occ: occurrenceId },
    });
    expect(c.signature).toBeTruthy();
    expect((await call("/api/occurrences/occ_missing/challenge")).status).toBe(404);
  });
});

describe("join gate: session state", () => {
  it("refuses attendees before the early-join window with 409 not_live; a host starts the occurrence", async () => {
    const { group, meetingId } = await createMeeting();
    // Outside the attendees' 15-minute early join, inside the hosts' one-hour start window.
    const occurrenceId = await createOccurrence(meetingId, { status: "scheduled", startsAt: Date.now() + 40 * 60_000 });
    const early = await joinRequest(occurrenceId, "early");
    expect(early.status).toBe(409);
    expect(await errorCode(early)).toBe("not_live");
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
    expect(await errorCode(full)).toBe("room_full");
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
    const body = (await res.json()) as Ticketed;
    const socket = await TestSocket.open(body);
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
    const first = await upgrade(joined);
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    const replay = await upgrade(joined);
    expect(replay.status).toBe(401);
    expect(await errorCode(replay)).toBe("ticket_used");
    const foreign = await upgrade({ wsUrl: `/api/rooms/${other.occurrenceId}`, ticket: joined.ticket });
    expect(foreign.status).toBe(403);
    const forged = await upgrade({ wsUrl: joined.wsUrl, ticket: `${joined.ticket.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    const plain = await call(joined.wsUrl);
    expect(plain.status).toBe(426);
    first.webSocket?.close();
  });

  it("takes the ticket only as a subprotocol, echoes only the room protocol, and refuses one in the URL", async () => {
    const { occurrenceId } = await liveRoom();
    const joined = await joinOk(occurrenceId, "subprotocol");
    const { exports } = await import("cloudflare:workers");
    const inUrl = await exports.default.fetch(
      new Request(`http://127.0.0.1:8787${joined.wsUrl}?ticket=${joined.ticket}`, {
        headers: { Upgrade: "websocket" },
      }),
    );
    expect(inUrl.status).toBe(401);
    expect(await errorCode(inUrl)).toBe("bad_ticket");
    const noRoomProtocol = await exports.default.fetch(
      new Request(`http://127.0.0.1:8787${joined.wsUrl}`, {
        headers: { Upgrade: "websocket", "Sec-WebSocket-Protocol": `ticket.${joined.ticket}` },
      }),
    );
    expect(noRoomProtocol.status).toBe(401);
    const ok = await upgrade(joined);
    expect(ok.status).toBe(101);
    // Echoing the ticket back would put it in response headers; the browser needs only one protocol.
    expect(ok.headers.get("Sec-WebSocket-Protocol")).toBe(ROOM_PROTOCOL);
    ok.webSocket?.accept();
    ok.webSocket?.close();
  });

  it("ignores identity headers a client tries to send with the upgrade", async () => {
    const { occurrenceId } = await liveRoom();
    const victim = await enter(occurrenceId, "victim");
    await victim.socket.next("welcome");
    const attacker = await joinOk(occurrenceId, "attacker");
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch(
      new Request(`http://127.0.0.1:8787${attacker.wsUrl}`, {
        headers: {
          Upgrade: "websocket",
          "Sec-WebSocket-Protocol": roomProtocols(attacker.ticket).join(", "),
          "x-meetinghouse-participant": victim.participantId,
        },
      }),
    );
    res.webSocket?.accept();
    const frames: { type: string; self?: { id: string } }[] = [];
    res.webSocket?.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data))));
    await victim.socket.until(
      (s) =>
        s
          .of("roster")
          .some((r) => r.changes.some((c) => c.op === "upsert" && c.participant.id === attacker.participantId)),
      "attacker in roster",
    );
    expect(frames.find((f) => f.type === "welcome")?.self?.id).toBe(attacker.participantId);
    victim.socket.close();
    res.webSocket?.close();
  });
});
