import {
  createExecutionContext,
  createScheduledController,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../worker/index";
import { materializeOccurrences } from "../worker/cron/materialize";
import { END_UNOPENED_SQL, endUnopenedOccurrences, purgeExpired } from "../worker/cron/purge";
import { describeInstant } from "../worker/directory/zones";
import { roomStub } from "../worker/rooms/client";
import { createGroup, createMember, type TestMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";

type Occ = { id: string; startsAt: string; endsAt: string; status: string; localDate: string; isException: boolean };

let group: Awaited<ReturnType<typeof createGroup>>;
let secretary: TestMember;
let host: TestMember;
let admin: TestMember;
let seq = 0;

async function createMeeting(overrides: Record<string, unknown> = {}): Promise<string> {
  seq++;
  const res = await call("/api/meetings", {
    method: "POST",
    headers: secretary.auth,
    json: {
      groupId: group.id,
      name: `Occurrence Test ${seq}`,
      types: ["O"],
      timezone: "America/Chicago",
      schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "07:00", durationMinutes: 60 },
      ...overrides,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { meeting: { id: string } }).meeting.id;
}

async function occurrencesOf(meetingId: string, query = ""): Promise<Occ[]> {
  return ((await (await call(`/api/meetings/${meetingId}/occurrences${query}`)).json()) as { items: Occ[] }).items;
}

async function occurrenceCount(): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM occurrences").first<{ n: number }>())?.n ?? 0;
}

async function runCron(cron: string, scheduledTime = Date.now()) {
  const controller = createScheduledController({ cron, scheduledTime });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

beforeAll(async () => {
  group = await createGroup();
  secretary = await createMember(group.id, ["secretary"]);
  host = await createMember(group.id, ["host"]);
  admin = await createMember(null, [], { platformAdmin: true });
});

describe("materialize across DST and zones", () => {
  async function localTimesFrom(zone: string, startTime: string, now: number) {
    const meetingId = await createMeeting({
      timezone: zone,
      schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime, durationMinutes: 60 },
    });
    await materializeOccurrences(env, now);
    const from = new Date(now).toISOString();
    const to = new Date(now + 14 * 86_400_000).toISOString();
    const items = await occurrencesOf(meetingId, `?from=${from}&to=${to}`);
    return items.map((o) => ({ ...describeInstant(Date.parse(o.startsAt), zone), utc: o.startsAt }));
  }

  it("keeps 07:00 America/Chicago at 07:00 local on both sides of the March switch", async () => {
    const times = await localTimesFrom("America/Chicago", "07:00", Date.UTC(2026, 2, 1, 6));
    expect(times).toHaveLength(14);
    expect(new Set(times.map((t) => t.time))).toEqual(new Set(["07:00"]));
    expect(times.find((t) => t.date === "2026-03-07")?.utc).toBe("2026-03-07T13:00:00.000Z");
    expect(times.find((t) => t.date === "2026-03-09")?.utc).toBe("2026-03-09T12:00:00.000Z");
    expect(new Set(times.map((t) => t.abbr))).toEqual(new Set(["CST", "CDT"]));
  });

  it("follows Europe/London in October and Australia/Sydney in April", async () => {
    const london = await localTimesFrom("Europe/London", "19:30", Date.UTC(2026, 9, 20));
    expect(new Set(london.map((t) => t.time))).toEqual(new Set(["19:30"]));
    expect(new Set(london.map((t) => t.abbr))).toEqual(new Set(["BST", "GMT"]));
    const sydney = await localTimesFrom("Australia/Sydney", "10:00", Date.UTC(2026, 2, 30));
    expect(new Set(sydney.map((t) => t.time))).toEqual(new Set(["10:00"]));
    expect(new Set(sydney.map((t) => t.abbr))).toEqual(new Set(["AEDT", "AEST"]));
  });

  it("puts Asia/Kolkata meetings on the half hour in UTC", async () => {
    const kolkata = await localTimesFrom("Asia/Kolkata", "19:00", Date.UTC(2026, 5, 1));
    expect(kolkata).toHaveLength(14);
    for (const t of kolkata) expect(t.utc).toMatch(/T13:30:00\.000Z$/);
  });
});

describe("cron jobs through the real scheduled handler", () => {
  it("materialize is idempotent", async () => {
    await createMeeting();
    await runCron("0 3 * * *");
    const first = await occurrenceCount();
    await runCron("0 3 * * *");
    expect(await occurrenceCount()).toBe(first);
    const summary = await materializeOccurrences(env, Date.now());
    expect(summary.created).toBe(0);
    expect(summary.planned).toBeGreaterThan(0);
  });

  it("cancel and move survive materialize", async () => {
    const meetingId = await createMeeting();
    const [, toCancel, toMove] = await occurrencesOf(meetingId);
    expect((await call(`/api/occurrences/${toCancel?.id}/cancel`, { method: "POST", headers: host.auth })).status).toBe(
      200,
    );
    const newStart = new Date(Date.parse(toMove?.startsAt ?? "") + 2 * 3_600_000).toISOString();
    const moved = await call(`/api/occurrences/${toMove?.id}/move`, {
      method: "POST",
      json: { startsAt: newStart },
      headers: secretary.auth,
    });
    expect(moved.status).toBe(200);
    await runCron("0 3 * * *");
    await call(`/api/meetings/${meetingId}`, {
      method: "PATCH",
      json: { schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "07:15", durationMinutes: 60 } },
      headers: secretary.auth,
    });
    await runCron("0 3 * * *");
    const after = await occurrencesOf(meetingId);
    const byDate = (d?: string) => after.filter((o) => o.localDate === d);
    expect(byDate(toCancel?.localDate)).toMatchObject([{ id: toCancel?.id, status: "cancelled", isException: true }]);
    expect(byDate(toMove?.localDate)).toMatchObject([
      { id: toMove?.id, status: "scheduled", startsAt: newStart, isException: true },
    ]);
  });

  it("purge wipes rooms past retention and archives old ended occurrences", async () => {
    const meetingId = await createMeeting({ chatRetention: "24h" });
    const now = Date.now();
    const insert = (id: string, endedAgo: number) =>
      env.DB.prepare(
        "INSERT INTO occurrences (id, meeting_id, local_date, starts_at, ends_at, status, ended_at) VALUES (?, ?, ?, ?, ?, 'ended', ?)",
      )
        .bind(id, meetingId, `2000-01-${id.slice(-2)}`, now - endedAgo - 3_600_000, now - endedAgo, now - endedAgo)
        .run();
    await insert("occ_purge_01", 2 * 86_400_000); // past 24 h retention
    await insert("occ_purge_02", 3_600_000); // still inside retention
    await insert("occ_purge_03", 100 * 86_400_000); // past the archive horizon
    const stub = await roomStub(env, "occ_purge_01");
    await runInDurableObject(stub, async (_room, state) => state.storage.put("chat-probe", "x"));
    await runCron("0 4 * * *");
    const rows = await env.DB.prepare(
      "SELECT id, room_purged_at IS NOT NULL AS purged, archived FROM occurrences WHERE id LIKE 'occ_purge_%' ORDER BY id",
    ).all();
    expect(rows.results).toEqual([
      { id: "occ_purge_01", purged: 1, archived: 0 },
      { id: "occ_purge_02", purged: 0, archived: 0 },
      { id: "occ_purge_03", purged: 1, archived: 1 },
    ]);
    expect(await runInDurableObject(stub, async (_room, state) => state.storage.get("chat-probe"))).toBeUndefined();
    expect((await purgeExpired(env, Date.now())).roomsWiped).toBe(0);
  });

  it("the daily purge ends past occurrences nobody opened, and only those", async () => {
    const meetingId = await createMeeting();
    const now = Date.now();
    const hour = 3_600_000;
    const insert = (id: string, day: string, endsAt: number, status: string) =>
      env.DB.prepare(
        "INSERT INTO occurrences (id, meeting_id, local_date, starts_at, ends_at, status) VALUES (?, ?, ?, ?, ?, ?)",
      )
        .bind(id, meetingId, day, endsAt - hour, endsAt, status)
        .run();
    await insert("occ_unopened_past", "2001-03-01", now - 5 * hour, "scheduled");
    await insert("occ_unopened_grace", "2001-03-02", now - 90 * 60_000, "scheduled"); // a touched room's own alarm ends it by now + 1 h
    await insert("occ_unopened_future", "2001-03-03", now + 5 * hour, "scheduled");
    await insert("occ_unopened_live", "2001-03-04", now - 5 * hour, "live"); // the room ends it, not the cron
    const before = await env.DB.prepare(
      "SELECT id, status, started_at, ended_at, room_purged_at, archived FROM occurrences WHERE id LIKE 'occ_unopened_%' ORDER BY id",
    ).all();
    await runCron("0 4 * * *", now);
    const after = await env.DB.prepare(
      "SELECT id, status, started_at, ended_at, room_purged_at, archived FROM occurrences WHERE id LIKE 'occ_unopened_%' ORDER BY id",
    ).all();
    const changed = after.results.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before.results[i]));
    // Ended without a start or an end time (it never ran), and marked wiped: no room was ever created.
    expect(
      changed.map((r) => ({
        id: r.id,
        status: r.status,
        started_at: r.started_at,
        ended_at: r.ended_at,
        wiped: r.room_purged_at !== null,
      })),
    ).toEqual([{ id: "occ_unopened_past", status: "ended", started_at: null, ended_at: null, wiped: true }]);
    expect(after.results.map((r) => [r.id, r.status])).toEqual([
      ["occ_unopened_future", "scheduled"],
      ["occ_unopened_grace", "scheduled"],
      ["occ_unopened_live", "live"],
      ["occ_unopened_past", "ended"],
    ]);
    expect(await endUnopenedOccurrences(env, now)).toBe(0);
    // The meeting's own page lists it as ended; the directory (scheduled and live only) no longer can.
    const items = await occurrencesOf(
      meetingId,
      `?from=${new Date(now - 6 * hour).toISOString()}&to=${new Date(now).toISOString()}`,
    );
    expect(items.find((o) => o.id === "occ_unopened_past")?.status).toBe("ended");
    // One bounded range of the (status, ends_at) index, no table scan.
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${END_UNOPENED_SQL}`)
      .bind(now, now, 10)
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join("\n");
    expect(details).toContain("USING COVERING INDEX occurrences_status_idx (status=? AND ends_at<?)");
    expect(details).not.toMatch(/SCAN occurrences/);
  });

  it("runs on demand for platform admins only", async () => {
    expect((await call("/api/ops/materialize", { method: "POST", headers: secretary.auth })).status).toBe(403);
    const res = await call("/api/ops/materialize", { method: "POST", headers: admin.auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ created: 0, days: 14 });
    const purge = await call("/api/ops/purge", { method: "POST", headers: admin.auth });
    expect(purge.status).toBe(200);
    expect(await purge.json()).toMatchObject({ roomsWiped: 0, attachmentsDeleted: 0 });
  });
});

describe("occurrence lifecycle", () => {
  it("hosts start and end; secretaries move; others are refused", async () => {
    const meetingId = await createMeeting({
      schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "07:00", durationMinutes: 600 },
    });
    const now = Date.now();
    const id = "occ_lifecycle";
    await env.DB.prepare(
      "INSERT INTO occurrences (id, meeting_id, local_date, starts_at, ends_at) VALUES (?, ?, '2001-01-01', ?, ?)",
    )
      .bind(id, meetingId, now + 10 * 60_000, now + 70 * 60_000)
      .run();
    const treasurer = await createMember(group.id, ["treasurer"]);
    expect((await call(`/api/occurrences/${id}/start`, { method: "POST", headers: treasurer.auth })).status).toBe(403);
    expect(
      (
        await call(`/api/occurrences/${id}/move`, {
          method: "POST",
          json: { startsAt: new Date(now + 86_400_000).toISOString() },
          headers: host.auth,
        })
      ).status,
    ).toBe(403);
    const started = await call(`/api/occurrences/${id}/start`, { method: "POST", headers: host.auth });
    expect(started.status).toBe(200);
    expect(started.headers.get("X-D1-Bookmark")).toBeTruthy();
    expect(((await started.json()) as { occurrence: Occ }).occurrence.status).toBe("live");
    expect((await call(`/api/occurrences/${id}/cancel`, { method: "POST", headers: host.auth })).status).toBe(409);
    const ended = await call(`/api/occurrences/${id}/end`, { method: "POST", headers: host.auth });
    expect(((await ended.json()) as { occurrence: Occ }).occurrence.status).toBe("ended");
    expect((await call(`/api/occurrences/${id}/end`, { method: "POST", headers: host.auth })).status).toBe(409);
    expect((await call("/api/occurrences/occ_nope/start", { method: "POST", headers: host.auth })).status).toBe(404);
  });

  it("refuses a move into the past or a malformed instant, naming the field", async () => {
    const meetingId = await createMeeting();
    const [first] = await occurrencesOf(meetingId);
    for (const startsAt of ["2001-01-01T00:00:00Z", "tomorrow"]) {
      const res = await call(`/api/occurrences/${first?.id}/move`, {
        method: "POST",
        json: { startsAt },
        headers: secretary.auth,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorJson).error.issues?.[0]?.path).toBe("json.startsAt");
    }
  });
});

describe("demo seed", () => {
  it("is idempotent and lists public demo meetings after materialize", async () => {
    const { seedDemoMeetings } = await import("../worker/dev/seed-meetings");
    const chicago = await createGroup({ timezone: "America/Chicago" });
    const london = await createGroup({ timezone: "Europe/London" });
    const kolkata = await createGroup({ timezone: "Asia/Kolkata" });
    await seedDemoMeetings(env, { chicago: chicago.id, london: london.id, kolkata: kolkata.id });
    const count = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM meetings WHERE id LIKE 'mtg_demo_%'").first<{ n: number }>())?.n;
    expect(await count()).toBe(30);
    await seedDemoMeetings(env, { chicago: chicago.id, london: london.id, kolkata: kolkata.id });
    expect(await count()).toBe(30);
    await materializeOccurrences(env, Date.now());
    const list = (await (await call("/api/meetings?language=S&limit=100")).json()) as { items: { slug: string }[] };
    expect(list.items.map((i) => i.slug).sort()).toEqual(["spanish-chicago", "spanish-london"]);
  });
});

describe("re-planning keeps what the books point at", () => {
  it("a schedule edit and an archive leave a referenced future occurrence in place instead of failing", async () => {
    const meetingId = await createMeeting();
    const [future] = (await occurrencesOf(meetingId)).filter((o) => Date.parse(o.startsAt) > Date.now() + 86_400_000);
    expect(future).toBeDefined();
    const treasurer = await createMember(group.id, ["treasurer"]);
    const batch = await call(`/api/groups/${group.id}/treasury/contributions/batch`, {
      method: "POST",
      headers: { ...treasurer.auth, "Idempotency-Key": `replan-${meetingId}` },
      json: {
        date: new Date().toISOString().slice(0, 10),
        meetingId,
        occurrenceId: future?.id,
        items: [{ amountCents: 2500, method: "cash" }],
      },
    });
    expect(batch.status, await batch.clone().text()).toBe(201);
    const edit = await call(`/api/meetings/${meetingId}`, {
      method: "PATCH",
      headers: secretary.auth,
      json: { schedule: { days: [1, 3], startTime: "08:15", durationMinutes: 60 } },
    });
    expect(edit.status, await edit.clone().text()).toBe(200);
    const kept = await env.DB.prepare("SELECT status FROM occurrences WHERE id = ?")
      .bind(future?.id)
      .first<{ status: string }>();
    expect(kept?.status).toBe("scheduled");
    const archived = await call(`/api/meetings/${meetingId}`, { method: "DELETE", headers: secretary.auth });
    expect(archived.status).toBe(200);
    const after = await env.DB.prepare("SELECT status FROM occurrences WHERE id = ?")
      .bind(future?.id)
      .first<{ status: string }>();
    expect(after?.status).toBe("cancelled");
  });
});
