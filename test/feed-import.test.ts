import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { IMPORT_MAX_BYTES } from "../worker/directory/feed-import";
import { createGroup, createMember, type TestMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import intergroup from "./meeting-guide-samples/intergroup.json";

type Report = {
  dryRun: boolean;
  summary: Record<"items" | "create" | "update" | "unchanged" | "refuse", number>;
  items: {
    index: number;
    slug: string | null;
    action: string;
    meeting: string | null;
    reasons: string[];
    notes: string[];
  }[];
};
type FeedItem = Record<string, unknown> & { slug: string; name: string; day: number; url: string };
type GroupMeeting = {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  languages: string[];
  types: string[];
  schedule: { days: number[]; startTime: string; durationMinutes: number };
  place: Record<string, unknown> & { venue: Record<string, unknown> | null };
};

let group: Awaited<ReturnType<typeof createGroup>>;
let secretary: TestMember;

function importFeed(groupId: string, feed: unknown, who: TestMember | null, dryRun = false) {
  return call(`/api/groups/${groupId}/import/meeting-guide${dryRun ? "?dryRun=1" : ""}`, {
    method: "POST",
    json: feed,
    headers: who?.auth,
  });
}

async function groupMeetings(groupId: string, who: TestMember): Promise<GroupMeeting[]> {
  const res = await call(`/api/groups/${groupId}/meetings`, { headers: who.auth });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: GroupMeeting[] }).items;
}

const countMeetings = async (groupId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM meetings WHERE group_id = ?").bind(groupId).first<{ n: number }>())
    ?.n;

beforeAll(async () => {
  group = await createGroup({ name: "Anytown Intergroup", slug: "anytown", timezone: "America/Chicago" });
  secretary = await createMember(group.id, ["secretary"]);
});

describe("Meeting Guide import", () => {
  it("dry run reports per item what would be created or refused, with reasons, and writes nothing", async () => {
    const res = await importFeed(group.id, intergroup, secretary, true);
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.dryRun).toBe(true);
    expect(report.items.map((i) => [i.slug, i.action])).toEqual([
      ["sunday-serenity", "create"],
      ["noon-online", "create"],
      ["hybrid-step-study", "create"],
      ["early-risers", "create"],
      ["by-appointment", "refuse"],
      ["bad-time", "refuse"],
      ["no-name", "refuse"],
      ["bad-zone", "refuse"],
      ["noon-online", "refuse"],
    ]);
    const reasons = Object.fromEntries(report.items.map((i) => [`${i.index}`, i.reasons.join(" | ")]));
    expect(reasons["4"]).toContain("No day");
    expect(reasons["5"]).toContain("time");
    expect(reasons["6"]).toContain("name");
    expect(reasons["7"]).toContain("Mars/Olympus");
    expect(reasons["8"]).toContain("same slug");
    expect(report.items[1]?.notes).toEqual(["Type codes not kept: ONL"]);
    expect(report.summary).toEqual({ items: 9, create: 4, update: 0, unchanged: 0, refuse: 5 });
    expect(await countMeetings(group.id)).toBe(0);
  });

  it("applies: venues, approximate places, days, zones (the item's or the group's), private conference details and occurrences", async () => {
    const report = (await (await importFeed(group.id, intergroup, secretary)).json()) as Report;
    expect(report.summary).toMatchObject({ create: 4, refuse: 5 });
    const list = await groupMeetings(group.id, secretary);
    const byName = Object.fromEntries(list.map((m) => [m.name, m]));
    expect(byName["Sunday Serenity"]).toMatchObject({
      slug: "sunday-serenity",
      timezone: "America/New_York",
      types: ["O", "D"],
      schedule: { days: [0], startTime: "18:00", durationMinutes: 60 },
      place: {
        attendance: "in_person",
        regions: ["Downtown"],
        venue: {
          name: "Alano Club",
          address: "123 Main Street",
          city: "Anytown",
          region: "OH",
          postalCode: "44000",
          country: "US",
          latitude: 41.1,
          longitude: -81.5,
          notes: "Back entrance off the parking lot",
          wheelchairAccess: true,
        },
      },
    });
    expect(byName["Noon Online"]).toMatchObject({
      types: ["O", "D"],
      languages: ["VI"],
      schedule: { days: [1, 2, 3, 4, 5] },
      place: { attendance: "online", approximatePlace: "Anytown, OH, USA", venue: null },
    });
    expect(byName["Hybrid Step Study"]).toMatchObject({
      schedule: { days: [3], startTime: "19:30", durationMinutes: 90 },
      place: {
        attendance: "hybrid",
        venue: { address: "456 Oak Ave", city: "Anytown", region: "OH", postalCode: "44001", country: "USA" },
      },
    });
    expect(byName["Early Risers"]).toMatchObject({ timezone: "America/Chicago", place: { attendance: "online" } });
    const noon = await (await call(`/api/meetings/${byName["Noon Online"]?.id}`, { headers: secretary.auth })).json();
    expect(noon).toMatchObject({
      meeting: {
        conference: {
          url: "https://zoom.us/j/123456789",
          phone: "+16465588656,,123456789#",
          notes: "Password: 12steps",
        },
      },
    });
    // Occurrences exist at once, at the item's wall-clock time in the item's zone (18:00 New York).
    const occ = (await (await call(`/api/meetings/${byName["Sunday Serenity"]?.id}/occurrences`)).json()) as {
      items: { startsAt: string; localDate: string }[];
    };
    expect(occ.items.length).toBe(2);
    for (const o of occ.items) {
      const wall = new Intl.DateTimeFormat("en-GB", {
        timeZone: "America/New_York",
        hour: "2-digit",
        minute: "2-digit",
        weekday: "long",
        hourCycle: "h23",
      }).format(new Date(o.startsAt));
      expect(wall).toBe("Sunday 18:00");
    }
  });

  it("is idempotent by slug: the same feed again changes nothing; an edited item updates its meeting and re-plans it", async () => {
    const before = await countMeetings(group.id);
    const again = (await (await importFeed(group.id, intergroup, secretary)).json()) as Report;
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 4, refuse: 5 });
    expect(await countMeetings(group.id)).toBe(before);
    const edited = intergroup.map((i) =>
      i.slug === "sunday-serenity" ? { ...i, time: "18:30", end_time: "19:30" } : i,
    );
    const update = (await (await importFeed(group.id, edited, secretary)).json()) as Report;
    expect(update.items[0]).toMatchObject({ action: "update", meeting: "sunday-serenity" });
    expect(update.summary).toMatchObject({ create: 0, update: 1, unchanged: 3 });
    expect(await countMeetings(group.id)).toBe(before);
    const m = (await groupMeetings(group.id, secretary)).find((x) => x.name === "Sunday Serenity");
    const occ = (await (await call(`/api/meetings/${m?.id}/occurrences`)).json()) as { items: { startsAt: string }[] };
    for (const o of occ.items)
      expect(
        new Intl.DateTimeFormat("en-GB", {
          timeZone: "America/New_York",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        }).format(new Date(o.startsAt)),
      ).toBe("18:30");
  });

  it("round trip: our feed exported, imported into a new group and exported again gives the same meetings", async () => {
    const source = await createGroup({ name: "Round Trip Source", slug: "rt-source", timezone: "Europe/London" });
    const sourceSecretary = await createMember(source.id, ["secretary"]);
    const venue = {
      name: "St Anne's Hall",
      address: "55 Dean Street",
      city: "London",
      postalCode: "W1D 6AF",
      country: "UK",
      latitude: 51.5134,
      longitude: -0.1326,
      notes: "Ring the bell",
      wheelchairAccess: true,
    };
    const meetings = [
      {
        name: "Daily Hope",
        types: ["O", "D"],
        languages: ["EN", "CS"],
        schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "07:00", durationMinutes: 45 },
        description: "Short reading.",
        place: { attendance: "online", approximatePlace: "London, UK" },
      },
      {
        name: "Hall Speakers",
        types: ["O", "SP"],
        schedule: { days: [0], startTime: "17:00", durationMinutes: 90 },
        place: { attendance: "hybrid", venue, regions: ["London", "Soho"] },
        seventhTradition: { paypal: "hallaa" },
      },
      {
        name: "In Person Steps",
        types: ["C", "ST"],
        schedule: { days: [2, 4], startTime: "19:30", durationMinutes: 60 },
        place: {
          attendance: "in_person",
          venue: { ...venue, name: null, latitude: null, longitude: null, wheelchairAccess: false },
        },
      },
      {
        name: "Kolkata Friends",
        types: ["O"],
        timezone: "Asia/Kolkata",
        schedule: { days: [5], startTime: "23:30", durationMinutes: 60 },
      },
    ];
    for (const m of meetings) {
      const res = await call("/api/meetings", {
        method: "POST",
        headers: sourceSecretary.auth,
        json: { groupId: source.id, timezone: "Europe/London", ...m },
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const exported = (await (await call("/api/feeds/groups/rt-source/meeting-guide.json")).json()) as FeedItem[];
    expect(exported).toHaveLength(7 + 1 + 2 + 1);

    const target = await createGroup({ name: "Round Trip Target", slug: "rt-target", timezone: "America/Denver" });
    const targetSecretary = await createMember(target.id, ["secretary"]);
    const report = (await (await importFeed(target.id, exported, targetSecretary)).json()) as Report;
    expect(report.summary).toMatchObject({ items: 11, create: 11, refuse: 0 });
    expect(new Set(report.items.map((i) => i.meeting)).size).toBe(4);
    expect(await countMeetings(target.id)).toBe(4);
    const reexported = (await (await call("/api/feeds/groups/rt-target/meeting-guide.json")).json()) as FeedItem[];

    // Slugs are global here, so the copies get the group's slug appended; everything else is the same.
    const comparable = (items: FeedItem[]) =>
      items
        .map(({ slug: _s, url: _u, conference_url: _c, group: _g, updated: _up, ...rest }) => rest)
        .sort((a, b) => `${a.name}${a.day}`.localeCompare(`${b.name}${b.day}`));
    expect(comparable(reexported)).toEqual(comparable(exported));
    expect(reexported.map((i) => i.slug).sort()).toEqual(
      exported
        .map((i) =>
          i.slug.replace(/^(daily-hope|in-person-steps)(-\w+day)$|^(.*)$/, (_, a, d, whole) =>
            a ? `${a}-rt-target${d}` : `${whole}-rt-target`,
          ),
        )
        .sort(),
    );
    // The source group's meetings are untouched; importing our own feed again into the target changes nothing.
    expect(await countMeetings(source.id)).toBe(4);
    const again = (await (await importFeed(target.id, exported, targetSecretary)).json()) as Report;
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 11 });
  });

  it("never touches another group's meeting that shares a slug", async () => {
    const victim = await createGroup({ name: "Victim Group", slug: "victim" });
    const victimSecretary = await createMember(victim.id, ["secretary"]);
    const created = await call("/api/meetings", {
      method: "POST",
      headers: victimSecretary.auth,
      json: {
        groupId: victim.id,
        name: "Victim Meeting",
        slug: "victim-meeting",
        types: ["O"],
        timezone: "UTC",
        schedule: { days: [1], startTime: "10:00", durationMinutes: 60 },
      },
    });
    expect(created.status).toBe(201);
    const report = (await (
      await importFeed(
        group.id,
        [{ name: "Hijacked", slug: "victim-meeting", day: 1, time: "03:00", formatted_address: "Anytown, OH, USA" }],
        secretary,
      )
    ).json()) as Report;
    expect(report.items[0]).toMatchObject({ action: "create", meeting: "victim-meeting-anytown" });
    const victimPage = (await (await call("/api/meetings/victim-meeting")).json()) as {
      meeting: { name: string; group: { slug: string } };
    };
    expect(victimPage.meeting).toMatchObject({ name: "Victim Meeting", group: { slug: "victim" } });
  });

  it("is for the group's secretaries and admins only", async () => {
    const host = await createMember(group.id, ["host"]);
    const treasurer = await createMember(group.id, ["treasurer"]);
    const other = await createGroup();
    const otherSecretary = await createMember(other.id, ["secretary"]);
    const admin = await createMember(group.id, ["admin"]);
    const feed = [{ name: "Auth Check", slug: "auth-check", day: 1, time: "10:00" }];
    expect((await importFeed(group.id, feed, null, true)).status).toBe(401);
    expect((await importFeed(group.id, feed, host, true)).status).toBe(403);
    expect((await importFeed(group.id, feed, treasurer, true)).status).toBe(403);
    expect((await importFeed(group.id, feed, otherSecretary, true)).status).toBe(403);
    expect((await importFeed(group.id, feed, admin, true)).status).toBe(200);
  });

  it("refuses bad uploads with a clear 4xx and writes nothing: too large (declared or streamed), not an array, not JSON, wrong type", async () => {
    const before = await countMeetings(group.id);
    const path = `/api/groups/${group.id}/import/meeting-guide`;
    const huge = `[${" ".repeat(IMPORT_MAX_BYTES)}]`;
    const declared = await call(path, {
      method: "POST",
      headers: { ...secretary.auth, "Content-Type": "application/json" },
      body: huge,
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorJson).error.code).toBe("too_large");
    const chunk = new TextEncoder().encode(" ".repeat(256 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode("["));
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        if (sent > IMPORT_MAX_BYTES + chunk.byteLength) {
          controller.enqueue(new TextEncoder().encode("]"));
          controller.close();
        }
      },
    });
    const streamed = await call(path, {
      method: "POST",
      headers: { ...secretary.auth, "Content-Type": "application/json" },
      body: stream,
    });
    expect(streamed.status).toBe(413);
    const notArray = await importFeed(group.id, { meetings: [] }, secretary);
    expect(notArray.status).toBe(400);
    expect(((await notArray.json()) as ErrorJson).error.code).toBe("invalid_request");
    const tooMany = await importFeed(
      group.id,
      Array.from({ length: 501 }, (_, i) => ({ name: `M${i}`, slug: `m-${i}`, day: 1, time: "10:00" })),
      secretary,
      true,
    );
    expect(tooMany.status).toBe(400);
    const badJson = await call(path, {
      method: "POST",
      headers: { ...secretary.auth, "Content-Type": "application/json" },
      body: "[{",
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as ErrorJson).error.code).toBe("malformed_json");
    const wrongType = await call(path, {
      method: "POST",
      headers: { ...secretary.auth, "Content-Type": "text/plain" },
      body: "[]",
    });
    expect(wrongType.status).toBe(415);
    expect(await countMeetings(group.id)).toBe(before);
  });
});
