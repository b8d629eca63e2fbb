import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createGroup, createMember, type TestMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";

type MeetingJson = {
  meeting: { id: string; slug: string; hasPasscode: boolean; conference?: { url: string | null } };
  passcode?: string;
};
type DirectoryJson = {
  items: {
    id: string;
    slug: string;
    name: string;
    types: string[];
    hasPasscode: boolean;
    nextStart: {
      occurrenceId: string;
      at: string;
      meeting: { date: string; time: string; abbr: string; zone: string };
      viewer: { date: string; time: string; abbr: string; weekday: number };
    };
    live: { now: boolean; attendees: number };
  }[];
  inProgress: { id: string; live: { now: boolean; attendees: number } }[];
  nextCursor: string | null;
};

let group: Awaited<ReturnType<typeof createGroup>>;
let secretary: TestMember;
let seq = 0;

function body(overrides: Record<string, unknown> = {}) {
  seq++;
  return {
    groupId: group.id,
    name: `Test Meeting ${seq}`,
    types: ["O", "D"],
    languages: ["EN"],
    timezone: "America/Chicago",
    schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "07:00", durationMinutes: 60 },
    waitingRoom: false,
    chatRetention: "end",
    ...overrides,
  };
}

async function createMeeting(overrides: Record<string, unknown> = {}, auth = secretary.auth): Promise<MeetingJson> {
  const res = await call("/api/meetings", { method: "POST", json: body(overrides), headers: auth });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as MeetingJson;
}

async function directory(query: string): Promise<DirectoryJson> {
  const res = await call(`/api/meetings?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as DirectoryJson;
}

async function meetingCount(): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM meetings").first<{ n: number }>())?.n ?? 0;
}

beforeAll(async () => {
  group = await createGroup({ name: "Lakeside Home Group" });
  secretary = await createMember(group.id, ["secretary"], { email: "secretary.person@example.test" });
});

describe("creating meetings", () => {
  it("creates a meeting with tags and 14 days of occurrences", async () => {
    const { meeting } = await createMeeting({ name: "Sunrise Serenity", types: ["O", "D", "B"] });
    expect(meeting.slug).toBe("sunrise-serenity");
    const tags = await env.DB.prepare("SELECT kind, code FROM meeting_tags WHERE meeting_id = ? ORDER BY kind, code")
      .bind(meeting.id)
      .all();
    expect(tags.results).toEqual([
      { kind: "language", code: "EN" },
      { kind: "type", code: "B" },
      { kind: "type", code: "D" },
      { kind: "type", code: "O" },
    ]);
    const occ = (await (await call(`/api/meetings/${meeting.id}/occurrences`)).json()) as {
      items: { startsAt: string; status: string }[];
    };
    expect(occ.items.length).toBeGreaterThanOrEqual(13);
    expect(occ.items.length).toBeLessThanOrEqual(14);
    expect(occ.items.every((o) => o.status === "scheduled")).toBe(true);
  });

  it("adds a suffix when the name's slug is taken, and refuses a taken explicit slug", async () => {
    await createMeeting({ name: "Twin Name" });
    const second = await createMeeting({ name: "Twin Name" });
    expect(second.meeting.slug).toMatch(/^twin-name-[a-z0-9x]{5}$/);
    const res = await call("/api/meetings", {
      method: "POST",
      json: body({ slug: "twin-name" }),
      headers: secretary.auth,
    });
    expect(res.status).toBe(409);
  });

  it.each([
    ["json.timezone", { timezone: "Mars/Olympus" }],
    ["json.types.1", { types: ["O", "NOPE"] }],
    ["json.schedule.startTime", { schedule: { days: [1], startTime: "25:00", durationMinutes: 60 } }],
    ["json.schedule.days.0", { schedule: { days: [7], startTime: "07:00", durationMinutes: 60 } }],
    ["json.schedule.durationMinutes", { schedule: { days: [1], startTime: "07:00", durationMinutes: 5 } }],
    ["json.languages.0", { languages: ["XX"] }],
  ])("refuses bad input naming %s and writes nothing", async (path, overrides) => {
    const before = await meetingCount();
    const res = await call("/api/meetings", { method: "POST", json: body(overrides), headers: secretary.auth });
    expect(res.status).toBe(400);
    const err = (await res.json()) as ErrorJson;
    expect(err.error.issues?.map((i) => i.path)).toContain(path);
    expect(await meetingCount()).toBe(before);
  });

  it("refuses unknown keys", async () => {
    const res = await call("/api/meetings", {
      method: "POST",
      json: body({ zoomPassword: "x" }),
      headers: secretary.auth,
    });
    expect(res.status).toBe(400);
  });

  it("requires secretary or admin of that group", async () => {
    const treasurer = await createMember(group.id, ["treasurer"]);
    expect((await call("/api/meetings", { method: "POST", json: body(), headers: treasurer.auth })).status).toBe(403);
    expect((await call("/api/meetings", { method: "POST", json: body() })).status).toBe(401);
    const other = await createGroup();
    const otherSecretary = await createMember(other.id, ["secretary"]);
    expect((await call("/api/meetings", { method: "POST", json: body(), headers: otherSecretary.auth })).status).toBe(
      403,
    );
  });
});

describe("passcodes and privacy", () => {
  it("returns a rotated passcode once, stores only its hash, and never leaks it or conference details", async () => {
    const created = await createMeeting({
      name: "Quiet Harbor",
      rotatePasscode: true,
      conference: {
        url: "https://zoom.example/j/998877",
        phone: "+13125550100,,998877#",
        notes: "Dial-in for the bridge",
      },
    });
    expect(created.passcode).toMatch(/^\d{6}$/);
    expect(created.meeting.conference?.url).toBe("https://zoom.example/j/998877");
    const stored = await env.DB.prepare("SELECT passcode_hash FROM meetings WHERE id = ?")
      .bind(created.meeting.id)
      .first<{ passcode_hash: string }>();
    expect(stored?.passcode_hash).toMatch(/^pbkdf2-sha256\$/);
    expect(stored?.passcode_hash).not.toContain(created.passcode);

    const page = await call(`/api/meetings/${created.meeting.slug}`);
    const texts = [
      await page.text(),
      await (await call("/api/meetings?q=harbor")).text(),
      await (await call("/api/feeds/meeting-guide.json")).text(),
      await (await call(`/api/meetings/${created.meeting.id}/calendar.ics`)).text(),
    ];
    for (const text of texts) {
      expect(text).not.toContain("pbkdf2");
      expect(text).not.toContain("zoom.example");
      expect(text).not.toContain("5550100");
      expect(text).not.toContain("Dial-in");
      expect(text).not.toContain("secretary.person");
      expect(text).not.toContain(secretary.userId);
      expect(text).not.toContain(created.passcode ?? "-");
    }
    expect(JSON.parse(texts[0] ?? "{}").meeting.hasPasscode).toBe(true);

    const asSecretary = (await (
      await call(`/api/meetings/${created.meeting.id}`, { headers: secretary.auth })
    ).json()) as MeetingJson;
    expect(asSecretary.meeting.conference?.url).toBe("https://zoom.example/j/998877");
    expect(JSON.stringify(asSecretary)).not.toContain("pbkdf2");
    expect(asSecretary.passcode).toBeUndefined();

    const rotated = (await (
      await call(`/api/meetings/${created.meeting.id}`, {
        method: "PATCH",
        json: { rotatePasscode: true },
        headers: secretary.auth,
      })
    ).json()) as MeetingJson;
    expect(rotated.passcode).toMatch(/^\d{6}$/);
    const cleared = (await (
      await call(`/api/meetings/${created.meeting.id}`, {
        method: "PATCH",
        json: { passcode: null },
        headers: secretary.auth,
      })
    ).json()) as MeetingJson;
    expect(cleared.meeting.hasPasscode).toBe(false);
    expect(cleared.passcode).toBeUndefined();
  });
});

describe("directory", () => {
  it("shows each meeting once by next start, with both zones and their abbreviations", async () => {
    const late = await createMeeting({
      name: "Night Owls",
      timezone: "America/Chicago",
      schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "23:30", durationMinutes: 60 },
    });
    const list = await directory("tz=Asia/Kolkata&limit=100&q=owls");
    const item = list.items.find((i) => i.id === late.meeting.id);
    expect(item).toBeDefined();
    expect(list.items.filter((i) => i.id === late.meeting.id)).toHaveLength(1);
    expect(item?.nextStart.meeting.time).toBe("23:30");
    expect(item?.nextStart.meeting.abbr).toMatch(/^C[SD]T$/);
    expect(item?.nextStart.viewer.abbr).toBe("IST");
    // 23:30 in Chicago is the next calendar day at UTC+05:30.
    const meetingDate = item?.nextStart.meeting.date ?? "";
    const next = new Date(Date.parse(`${meetingDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(item?.nextStart.viewer.date).toBe(next);
    expect(Date.parse(item?.nextStart.at ?? "")).toBeGreaterThanOrEqual(Date.now() - 1000);
  });

  it("filters by all types, language and quoted phrases", async () => {
    const spanish = await createMeeting({ name: "Grupo Esperanza", types: ["C", "SP"], languages: ["S"] });
    const women = await createMeeting({ name: "Women of the Big Book", types: ["W", "B", "O"] });
    const both = await directory("types=W,B&limit=100");
    expect(both.items.map((i) => i.id)).toEqual([women.meeting.id]);
    expect((await directory("types=W,SP&limit=100")).items).toHaveLength(0);
    expect((await directory("language=S&limit=100")).items.map((i) => i.id)).toEqual([spanish.meeting.id]);
    expect((await directory(`q=${encodeURIComponent('"big book"')}`)).items.map((i) => i.id)).toEqual([
      women.meeting.id,
    ]);
    expect((await directory(`q=${encodeURIComponent('"book big"')}`)).items).toHaveLength(0);
    const either = await directory(`q=${encodeURIComponent("esperanza OR women")}&limit=100`);
    expect(either.items.map((i) => i.id).sort()).toEqual([spanish.meeting.id, women.meeting.id].sort());
    expect((await directory("q=lakeside&limit=100")).items.length).toBeGreaterThan(2);
  });

  it("filters by weekday and time of day in the viewer's zone", async () => {
    const evening = await createMeeting({
      name: "Tuesday Evening Kolkata",
      timezone: "Asia/Kolkata",
      schedule: { days: [2], startTime: "19:00", durationMinutes: 60 },
    });
    const tue = await directory("day=2&tz=Asia/Kolkata&timeOfDay=evening&limit=100");
    expect(tue.items.map((i) => i.id)).toContain(evening.meeting.id);
    for (const i of tue.items) {
      expect(i.nextStart.viewer.weekday).toBe(2);
      expect(i.nextStart.viewer.time >= "17:00" && i.nextStart.viewer.time < "21:00").toBe(true);
    }
    expect((await directory("day=2&tz=Asia/Kolkata&timeOfDay=morning&limit=100")).items.map((i) => i.id)).not.toContain(
      evening.meeting.id,
    );
    // Seen from Chicago, 19:00 IST on Tuesday is Tuesday morning.
    expect((await directory("day=2&tz=America/Chicago&timeOfDay=morning&limit=100")).items.map((i) => i.id)).toContain(
      evening.meeting.id,
    );
  });

  it("pages with a cursor without repeating a meeting", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: DirectoryJson = await directory(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((i) => i.id));
      const starts = page.items.map((i) => i.nextStart.at);
      expect([...starts].sort()).toEqual(starts);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await directory("limit=100")).items.length);
  });

  it("lists meetings in progress: live ones and those started at most 10 minutes ago", async () => {
    const a = await createMeeting({ name: "Started Five Minutes Ago" });
    const b = await createMeeting({ name: "Started Twenty Minutes Ago" });
    const c = await createMeeting({ name: "Live With People" });
    const now = Date.now();
    const slot = async (id: string, startsAt: number, status = "scheduled", attendees = 0) =>
      env.DB.prepare(
        "INSERT INTO occurrences (id, meeting_id, local_date, starts_at, ends_at, status, live_attendees) VALUES (?, ?, '1999-01-01', ?, ?, ?, ?)",
      )
        .bind(`occ_${id}`, id, startsAt, startsAt + 3_600_000, status, attendees)
        .run();
    await slot(a.meeting.id, now - 5 * 60_000);
    await slot(b.meeting.id, now - 20 * 60_000);
    await slot(c.meeting.id, now - 30 * 60_000, "live", 7);
    const list = await directory("limit=5");
    const ids = list.inProgress.map((i) => i.id);
    expect(ids).toContain(a.meeting.id);
    expect(ids).toContain(c.meeting.id);
    expect(ids).not.toContain(b.meeting.id);
    expect(list.inProgress.find((i) => i.id === c.meeting.id)?.live).toEqual({ now: true, attendees: 7 });
    const only = await directory("inProgress=true");
    expect(only.items.map((i) => i.id).sort()).toEqual(ids.sort());
  });

  it("refuses a bad viewer zone, type or window naming the field", async () => {
    for (const [query, path] of [
      ["tz=Not/AZone", "query.tz"],
      ["types=O,BOGUS", "query.types.1"],
      ["day=9", "query.day"],
      ["timeOfDay=brunch", "query.timeOfDay"],
      ["from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "query.to"],
      ["cursor=bad", "query.cursor"],
    ] as const) {
      const res = await call(`/api/meetings?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as ErrorJson).error.issues?.map((i) => i.path)).toContain(path);
    }
  });

  it("answers odd keyword searches without error (every term is quoted for FTS5)", async () => {
    for (const q of [
      '"',
      '""',
      "*",
      "NEAR(a b)",
      "a OR OR b",
      "don't",
      '"unclosed phrase',
      "NOT",
      "col:value",
      "^start",
      "ünïcödé",
      "x".repeat(200),
    ]) {
      const res = await call(`/api/meetings?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect((await call(`/api/meetings?q=${"x".repeat(201)}`)).status).toBe(400);
  });

  it("hides unlisted meetings from the list but serves their page by slug", async () => {
    const hidden = await createMeeting({ name: "Unlisted Circle", visibility: "unlisted" });
    expect((await directory("q=unlisted")).items).toHaveLength(0);
    expect((await call(`/api/meetings/${hidden.meeting.slug}`)).status).toBe(200);
  });
});

describe("editing and archiving", () => {
  it("re-plans future occurrences when the schedule changes, keeping exceptions", async () => {
    const { meeting } = await createMeeting({ name: "Replanned" });
    const before = (await (await call(`/api/meetings/${meeting.id}/occurrences`)).json()) as {
      items: { id: string; startsAt: string }[];
    };
    const keep = before.items[3];
    expect(
      (await call(`/api/occurrences/${keep?.id}/cancel`, { method: "POST", headers: secretary.auth })).status,
    ).toBe(200);
    const res = await call(`/api/meetings/${meeting.id}`, {
      method: "PATCH",
      json: { schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "18:15", durationMinutes: 90 } },
      headers: secretary.auth,
    });
    expect(res.status).toBe(200);
    const after = (await (await call(`/api/meetings/${meeting.id}/occurrences?tz=America/Chicago`)).json()) as {
      items: { id: string; startsAt: string; endsAt: string; status: string }[];
    };
    const cancelled = after.items.filter((o) => o.status === "cancelled");
    expect(cancelled.map((o) => o.id)).toEqual([keep?.id]);
    for (const o of after.items.filter((x) => x.status === "scheduled")) {
      expect(
        new Intl.DateTimeFormat("en-US", {
          timeZone: "America/Chicago",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        }).format(new Date(o.startsAt)),
      ).toBe("18:15");
      expect(Date.parse(o.endsAt) - Date.parse(o.startsAt)).toBe(90 * 60_000);
    }
  });

  it("keeps tags in sync and archives without erasing", async () => {
    const { meeting } = await createMeeting({ name: "Soon Archived", types: ["O"] });
    await call(`/api/meetings/${meeting.id}`, {
      method: "PATCH",
      json: { types: ["C", "ST"], languages: ["FR"] },
      headers: secretary.auth,
    });
    expect((await directory("types=ST&language=FR")).items.map((i) => i.id)).toEqual([meeting.id]);
    expect((await call(`/api/meetings/${meeting.id}`, { method: "DELETE", headers: secretary.auth })).status).toBe(200);
    expect((await directory("types=ST&language=FR")).items).toHaveLength(0);
    expect((await call(`/api/meetings/${meeting.slug}`)).status).toBe(404);
    expect(await env.DB.prepare("SELECT status FROM meetings WHERE id = ?").bind(meeting.id).first("status")).toBe(
      "archived",
    );
  });

  it("returns a D1 bookmark on writes and accepts it on reads", async () => {
    const res = await call("/api/meetings", {
      method: "POST",
      json: body({ name: "Bookmarked" }),
      headers: secretary.auth,
    });
    expect(res.status).toBe(201);
    const bookmark = res.headers.get("X-D1-Bookmark");
    expect(bookmark).toBeTruthy();
    const read = await call("/api/meetings?q=bookmarked", { headers: { "X-D1-Bookmark": bookmark ?? "" } });
    expect(((await read.json()) as DirectoryJson).items).toHaveLength(1);
    expect(read.headers.get("X-D1-Bookmark")).toBeTruthy();
  });
});
