import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { isLanguageCode, isTypeCode } from "../worker/directory/codes";
import { isValidZone } from "../worker/directory/zones";
import { createGroup, createMember, type TestMember } from "./fixtures";
import { call, ORIGIN } from "./helpers";

let group: Awaited<ReturnType<typeof createGroup>>;
let secretary: TestMember;
const ids: Record<string, string> = {};

async function create(name: string, extra: Record<string, unknown>) {
  const res = await call("/api/meetings", {
    method: "POST",
    headers: secretary.auth,
    json: { groupId: group.id, name, types: ["O", "D"], languages: ["EN"], timezone: "America/Chicago", schedule: { days: [1, 3, 5], startTime: "07:00", durationMinutes: 60 }, ...extra },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { meeting } = (await res.json()) as { meeting: { id: string; slug: string } };
  ids[name] = meeting.id;
  return meeting;
}

beforeAll(async () => {
  group = await createGroup({ name: "Riverside Group", slug: "riverside" });
  secretary = await createMember(group.id, ["secretary"], { email: "feed.secretary@example.test" });
  await create("Early Birds", { description: "Open discussion.\nAll welcome, including newcomers." });
  await create("Grupo Nueva Vida", { types: ["C", "SP"], languages: ["S"], timezone: "America/Chicago", schedule: { days: [6], startTime: "23:30", durationMinutes: 90 }, seventhTradition: { venmo: "@NuevaVida-AA", paypal: "nuevavidaaa" } });
  await create("Kolkata Evening", { timezone: "Asia/Kolkata", schedule: { days: [0, 2], startTime: "19:00", durationMinutes: 60 }, passcode: "serenity", conference: { url: "https://zoom.example/j/1" } });
  await create("Hidden Circle", { visibility: "unlisted" });
});

type FeedItem = Record<string, unknown> & { slug: string; name: string; types: string[]; day: number | number[] };

describe("Meeting Guide feed", () => {
  it("lists every public meeting and every item follows the spec's field rules", async () => {
    const res = await call("/api/feeds/meeting-guide.json");
    expect(res.status).toBe(200);
    const items = (await res.json()) as FeedItem[];
    expect(items.map((i) => i.name).sort()).toEqual(["Early Birds", "Grupo Nueva Vida", "Kolkata Evening"]);
    const slugs = new Set<string>();
    for (const item of items) {
      expect(typeof item.name === "string" && item.name.length > 0 && item.name.length <= 255).toBe(true);
      expect(item.slug).toMatch(/^[a-z0-9-]{1,64}$/);
      expect(slugs.has(item.slug)).toBe(false);
      slugs.add(item.slug);
      for (const d of Array.isArray(item.day) ? item.day : [item.day]) expect(Number.isInteger(d) && d >= 0 && d <= 6).toBe(true);
      expect(item.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect(item.end_time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect(isValidZone(String(item.timezone))).toBe(true);
      for (const t of item.types) expect(isTypeCode(t) || isLanguageCode(t)).toBe(true);
      expect(item.updated).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(item.conference_url).toBe(`${ORIGIN}/m/${item.slug}`);
      expect(item.url).toBe(`${ORIGIN}/m/${item.slug}`);
      expect(item.group).toBe("Riverside Group");
      if ("notes" in item) expect(typeof item.notes).toBe("string");
    }
    const spanish = items.find((i) => i.name === "Grupo Nueva Vida");
    expect(spanish).toMatchObject({ day: 6, time: "23:30", end_time: "01:00", types: ["C", "SP", "S"], venmo: "@NuevaVida-AA", paypal: "nuevavidaaa" });
    expect(items.find((i) => i.name === "Early Birds")).toMatchObject({ day: [1, 3, 5], notes: "Open discussion.\nAll welcome, including newcomers." });
    const text = JSON.stringify(items);
    for (const secret of ["zoom.example", "pbkdf2", "serenity", "feed.secretary", "Test member"]) expect(text).not.toContain(secret);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("serves one group's feed by id or slug, and 404 for an unknown group", async () => {
    const other = await createGroup();
    const byId = (await (await call(`/api/feeds/groups/${group.id}/meeting-guide.json`)).json()) as FeedItem[];
    const bySlug = (await (await call("/api/feeds/groups/riverside/meeting-guide.json")).json()) as FeedItem[];
    expect(byId).toHaveLength(3);
    expect(bySlug).toEqual(byId);
    expect(await (await call(`/api/feeds/groups/${other.id}/meeting-guide.json`)).json()).toEqual([]);
    expect((await call("/api/feeds/groups/nope/meeting-guide.json")).status).toBe(404);
  });
});

describe("calendar files", () => {
  it("parse with ical.js: weekly RRULE with TZID, EXDATE for a cancellation, an override for a move", async () => {
    const meetingId = ids["Early Birds"] ?? "";
    const occ = ((await (await call(`/api/meetings/${meetingId}/occurrences`)).json()) as { items: { id: string; localDate: string; startsAt: string }[] }).items;
    const [cancel, move] = occ;
    expect((await call(`/api/occurrences/${cancel?.id}/cancel`, { method: "POST", headers: secretary.auth })).status).toBe(200);
    const newStart = new Date(Date.parse(move?.startsAt ?? "") + 30 * 60_000).toISOString();
    expect((await call(`/api/occurrences/${move?.id}/move`, { method: "POST", json: { startsAt: newStart }, headers: secretary.auth })).status).toBe(200);

    const res = await call(`/api/meetings/${meetingId}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/calendar");
    const text = await res.text();
    expect(text).toContain("\r\n");
    const cal = new ICAL.Component(ICAL.parse(text));
    const tz = cal.getFirstSubcomponent("vtimezone");
    expect(tz?.getFirstPropertyValue("tzid")).toBe("America/Chicago");
    const events = cal.getAllSubcomponents("vevent");
    expect(events).toHaveLength(2);
    const series = events.find((e) => !e.hasProperty("recurrence-id"));
    const dtstart = series?.getFirstProperty("dtstart");
    expect(dtstart?.getParameter("tzid")).toBe("America/Chicago");
    const rrule = series?.getFirstPropertyValue("rrule") as ICAL.Recur;
    expect(rrule.freq).toBe("WEEKLY");
    expect(rrule.parts.BYDAY).toEqual(["MO", "WE", "FR"]);
    const exdate = series?.getFirstProperty("exdate");
    expect(exdate?.getParameter("tzid")).toBe("America/Chicago");
    expect(String(exdate?.getFirstValue())).toBe(`${cancel?.localDate}T07:00:00`);
    expect(series?.getFirstPropertyValue("url")).toBe(`${ORIGIN}/m/early-birds`);
    const override = events.find((e) => e.hasProperty("recurrence-id"));
    expect(String(override?.getFirstPropertyValue("recurrence-id"))).toBe(`${move?.localDate}T07:00:00`);

    // Expanding the series in the zone yields 07:00 local starts, skipping the cancelled date.
    ICAL.TimezoneService.register(tz as ICAL.Component);
    const event = new ICAL.Event(series);
    const it = event.iterator();
    const starts: string[] = [];
    for (let next = it.next(); next && starts.length < 40; next = it.next()) starts.push(next.toString());
    expect(starts.every((s) => s.endsWith("T07:00:00"))).toBe(true);
    expect(text).not.toContain("zoom.example");
  });

  it("serves a group calendar with its public meetings, each in its own zone", async () => {
    const res = await call("/api/groups/riverside/calendar.ics");
    expect(res.status).toBe(200);
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const zones = cal.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"));
    expect(zones.sort()).toEqual(["America/Chicago", "Asia/Kolkata"]);
    const summaries = cal.getAllSubcomponents("vevent").filter((e) => !e.hasProperty("recurrence-id")).map((e) => e.getFirstPropertyValue("summary"));
    expect(summaries.sort()).toEqual(["Early Birds", "Grupo Nueva Vida", "Kolkata Evening"]);
    expect((await call("/api/groups/nope/calendar.ics")).status).toBe(404);
  });

  it("lets any site's script read the calendar files, like the feed, and never with credentials (issue 14)", async () => {
    const meetingId = ids["Early Birds"] ?? "";
    for (const path of [`/api/meetings/${meetingId}/calendar.ics`, "/api/groups/riverside/calendar.ics", "/api/feeds/meeting-guide.json"]) {
      for (const origin of [undefined, "https://intergroup.example", ORIGIN]) {
        const res = await call(path, { headers: origin ? { Origin: origin } : {} });
        expect(res.status, path).toBe(200);
        expect(res.headers.get("Access-Control-Allow-Origin"), `${path} from ${origin}`).toBe("*");
        expect(res.headers.get("Access-Control-Allow-Credentials"), `${path} from ${origin}`).toBeNull();
      }
    }
  });
});
