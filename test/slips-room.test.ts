import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import type { JSONWebKeySet } from "jose";
import { describe, expect, it } from "vitest";
import { db } from "../worker/db/client";
import { meetings } from "../worker/db/schema";
import { newId } from "../worker/lib/ids";
import { slipNameHash, verifySlip } from "#shared/slip-token";
import { createGroup, createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import { enter, liveRoom, setRoomClock, stubFor, type TestSocket } from "./rooms-helpers";

const MINUTE = 60_000;

/** A live room with the given slip settings (set before anyone joins, so the room loads them), a host and one attendee, admitted at `t0`. */
async function slipRoom(settings: { slipMinMinutes?: number; slipAutoConfirm?: boolean } = {}) {
  const room = await liveRoom();
  if (Object.keys(settings).length > 0)
    await db(env).update(meetings).set(settings).where(eq(meetings.id, room.meetingId));
  const t0 = Date.now();
  await setRoomClock(room.occurrenceId, t0);
  const host = await enter(room.occurrenceId, "chair", {}, room.host.auth);
  await host.socket.next("welcome");
  const ana = await enter(room.occurrenceId, "ana");
  await ana.socket.next("welcome");
  return { ...room, t0, host, ana };
}

async function request(socket: TestSocket, name: string | null) {
  const sid = newId("slip_");
  socket.send({ type: "slip.request", sid, nameHash: name === null ? null : await slipNameHash(sid, name) });
  return sid;
}

async function publishedKeys(): Promise<JSONWebKeySet> {
  return (await (await call("/.well-known/jwks.json")).json()) as JSONWebKeySet;
}

/** Every value in the room's SQLite storage and in every D1 table, as one string to search. */
async function everythingStored(occurrenceId: string): Promise<string> {
  const room = await runInDurableObject(stubFor(occurrenceId), (_room, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
      )
      .toArray();
    return JSON.stringify(tables.map((t) => state.storage.sql.exec(`SELECT * FROM "${t.name}"`).toArray()));
  });
  const d1Tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const d1 = await Promise.all(
    d1Tables.results.map(async (t) =>
      JSON.stringify((await env.DB.prepare(`SELECT * FROM "${t.name}"`).all()).results),
    ),
  );
  return room + d1.join("");
}

describe("attendance slips in the room", () => {
  it("too early is refused; a host's one click issues the slip to the attendee only; nothing of it is stored", async () => {
    const { occurrenceId, t0, host, ana } = await slipRoom();
    expect(ana.socket.of("welcome")[0]?.slip).toEqual({ minMinutes: 45, presentSince: t0 });

    await setRoomClock(occurrenceId, t0 + 44 * MINUTE + 59_999);
    await request(ana.socket, "Ana María");
    expect((await ana.socket.next("error", (e) => e.code === "too_early")).message).toMatch(/45 minutes/);
    expect(host.socket.of("slip.requests").flatMap((f) => f.requests)).toEqual([]);

    await setRoomClock(occurrenceId, t0 + 45 * MINUTE);
    const sid = await request(ana.socket, "Ana María");
    await ana.socket.next("slip.pending");
    await host.socket.next("slip.requests", (f) =>
      f.requests.some((r) => r.participantId === ana.participantId && r.name === "ana"),
    );

    await setRoomClock(occurrenceId, t0 + 50 * MINUTE);
    host.socket.send({ type: "slip.confirm", participantId: ana.participantId });
    const { token } = await ana.socket.next("slip.issued");
    await host.socket.next("slip.requests", (f) => f.requests.length === 0);
    expect(host.socket.of("slip.issued")).toEqual([]);

    const jwks = await publishedKeys();
    const checked = await verifySlip(token, jwks, "ana maría");
    expect(checked).toMatchObject({
      ok: true,
      nameMatches: true,
      claims: {
        sid,
        meeting: "Test meeting",
        confirmedBy: "host",
        tz: "America/Chicago",
        from: new Date(t0).toISOString(),
        to: new Date(t0 + 50 * MINUTE).toISOString(),
      },
    });
    expect(await verifySlip(token, jwks, "Someone Else")).toEqual({ ok: false, reason: "name_mismatch" });

    // A second click (or a second host) issues nothing more.
    host.socket.send({ type: "slip.confirm", participantId: ana.participantId });
    await host.socket.next("error", (e) => e.code === "no_request");
    expect(ana.socket.of("slip.issued")).toHaveLength(1);

    const stored = await everythingStored(occurrenceId);
    expect(stored).not.toContain(sid);
    if (!checked.ok || !checked.claims.nameHash) throw new Error("expected a name hash");
    expect(stored).not.toContain(checked.claims.nameHash);
    expect(stored).not.toContain(token.split(".")[2]);
  });

  it("auto-confirm issues at once, marked 'auto', without a host's click; a minimum of 0 allows it at admission", async () => {
    const { t0, host, ana, occurrenceId } = await slipRoom({ slipMinMinutes: 0, slipAutoConfirm: true });
    const sid = await request(ana.socket, null);
    const { token } = await ana.socket.next("slip.issued");
    const checked = await verifySlip(token, await publishedKeys());
    expect(checked).toMatchObject({
      ok: true,
      nameMatches: null,
      claims: { sid, confirmedBy: "auto", nameHash: null, from: new Date(t0).toISOString() },
    });
    expect(ana.socket.of("slip.pending")).toEqual([]);
    expect(host.socket.of("slip.requests").flatMap((f) => f.requests)).toEqual([]);
    expect(await everythingStored(occurrenceId)).not.toContain(sid);
  });

  it("an attendee cannot confirm their own or anyone's request; a host cannot confirm their own", async () => {
    const { occurrenceId, host, ana } = await slipRoom({ slipMinMinutes: 0 });
    const ben = await enter(occurrenceId, "ben");
    await ben.socket.next("welcome");
    await request(ana.socket, "Ana");
    await ana.socket.next("slip.pending");
    ana.socket.send({ type: "slip.confirm", participantId: ana.participantId });
    await ana.socket.next("error", (e) => e.code === "forbidden");
    ben.socket.send({ type: "slip.confirm", participantId: ana.participantId });
    await ben.socket.next("error", (e) => e.code === "forbidden");

    await request(host.socket, "Chair");
    await host.socket.next("slip.pending");
    host.socket.send({ type: "slip.confirm", participantId: host.participantId });
    await host.socket.next("error", (e) => e.code === "forbidden" && /Another host/.test(e.message));
    expect([
      ...ana.socket.of("slip.issued"),
      ...ben.socket.of("slip.issued"),
      ...host.socket.of("slip.issued"),
    ]).toEqual([]);
  });

  it("an altered issued slip is refused; a malformed request is refused and stores nothing", async () => {
    const { occurrenceId, ana } = await slipRoom({ slipMinMinutes: 0, slipAutoConfirm: true });
    await request(ana.socket, "Ana");
    const { token } = await ana.socket.next("slip.issued");
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(atob(String(payload).replace(/-/g, "+").replace(/_/g, "/")));
    const longer = btoa(JSON.stringify({ ...claims, from: "2026-01-01T00:00:00.000Z" }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect(await verifySlip(`${header}.${longer}.${signature}`, await publishedKeys())).toEqual({
      ok: false,
      reason: "bad_signature",
    });

    ana.socket.send({ type: "slip.request", sid: "short", nameHash: "x" } as never);
    await ana.socket.next("error", (e) => e.code === "invalid_message");
    // A name smuggled beside the hash is dropped by the frame schema, never stored.
    ana.socket.send(JSON.stringify({ type: "slip.request", sid: newId("slip_"), nameHash: null, name: "Ana María" }));
    await ana.socket.until((s) => s.of("slip.issued").length === 2, "the second slip");
    const stored = await everythingStored(occurrenceId);
    expect(stored).not.toContain("Ana María");
  });
});

describe("a meeting's slip settings", () => {
  it("default to 45 minutes without auto-confirm; a secretary changes them; out-of-range values are a 400 that changes nothing", async () => {
    const group = await createGroup();
    const secretary = await createMember(group.id, ["secretary"]);
    const json = {
      groupId: group.id,
      name: "Slip settings",
      types: ["O"],
      languages: ["EN"],
      timezone: "America/Chicago",
      schedule: { days: [1], startTime: "19:00", durationMinutes: 60 },
    };
    const created = await call("/api/meetings", { method: "POST", json, headers: secretary.auth });
    expect(created.status).toBe(201);
    const { meeting } = (await created.json()) as { meeting: { id: string; slips: unknown } };
    expect(meeting.slips).toEqual({ minMinutes: 45, autoConfirm: false });

    const patched = await call(`/api/meetings/${meeting.id}`, {
      method: "PATCH",
      json: { slips: { minMinutes: 30, autoConfirm: true } },
      headers: secretary.auth,
    });
    expect(((await patched.json()) as { meeting: { slips: unknown } }).meeting.slips).toEqual({
      minMinutes: 30,
      autoConfirm: true,
    });
    for (const slips of [
      { minMinutes: 241, autoConfirm: true },
      { minMinutes: -1, autoConfirm: false },
      { minMinutes: 1.5, autoConfirm: false },
      { minMinutes: 10 },
    ]) {
      const bad = await call(`/api/meetings/${meeting.id}`, {
        method: "PATCH",
        json: { slips },
        headers: secretary.auth,
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorJson).error.code).toBeTruthy();
    }
    const row = await db(env)
      .select({ min: meetings.slipMinMinutes, auto: meetings.slipAutoConfirm })
      .from(meetings)
      .where(eq(meetings.id, meeting.id))
      .get();
    expect(row).toEqual({ min: 30, auto: true });
  });
});
