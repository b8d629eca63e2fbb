import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { SPEC_CODES } from "#shared/meeting-codes";
import { JOIN_NOTES } from "../worker/directory/feed";
import { isValidZone } from "../worker/directory/zones";
import { createGroup, createMember, type TestMember } from "./fixtures";
import { call, type ErrorJson, ORIGIN } from "./helpers";

let group: Awaited<ReturnType<typeof createGroup>>;
let secretary: TestMember;
const ids: Record<string, string> = {};

async function create(name: string, extra: Record<string, unknown>) {
  const res = await call("/api/meetings", {
    method: "POST",
    headers: secretary.auth,
    json: {
      groupId: group.id,
      name,
      types: ["O", "D"],
      languages: ["EN"],
      timezone: "America/Chicago",
      schedule: { days: [1, 3, 5], startTime: "07:00", durationMinutes: 60 },
      ...extra,
    },
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
  await create("Grupo Nueva Vida", {
    types: ["C", "SP"],
    languages: ["S"],
    timezone: "America/Chicago",
    schedule: { days: [6], startTime: "23:30", durationMinutes: 90 },
    seventhTradition: { venmo: "@NuevaVida-AA", paypal: "nuevavidaaa" },
  });
  await create("Kolkata Evening", {
    timezone: "Asia/Kolkata",
    schedule: { days: [0, 2], startTime: "19:00", durationMinutes: 60 },
    passcode: "serenity",
    conference: { url: "https://zoom.example/j/1" },
  });
  await create("Hidden Circle", { visibility: "unlisted" });
});

type FeedItem = Record<string, unknown> & { slug: string; name: string; types: string[]; day: number | number[] };

describe("Meeting Guide feed", () => {
  it("lists every public meeting, one item per day, and every item follows the spec's field rules", async () => {
    const res = await call("/api/feeds/meeting-guide.json");
    expect(res.status).toBe(200);
    const items = (await res.json()) as FeedItem[];
    expect(items.map((i) => i.slug).sort()).toEqual([
      "early-birds-friday",
      "early-birds-monday",
      "early-birds-wednesday",
      "grupo-nueva-vida",
      "kolkata-evening-sunday",
      "kolkata-evening-tuesday",
    ]);
    const slugs = new Set<string>();
    for (const item of items) {
      expect(typeof item.name === "string" && item.name.length > 0 && item.name.length <= 255).toBe(true);
      expect(item.slug).toMatch(/^[a-z0-9-]{1,64}$/);
      expect(slugs.has(item.slug)).toBe(false);
      slugs.add(item.slug);
      expect(Number.isInteger(item.day) && Number(item.day) >= 0 && Number(item.day) <= 6).toBe(true);
      expect(item.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect(item.end_time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect(isValidZone(String(item.timezone))).toBe(true);
      for (const t of item.types) expect(SPEC_CODES.has(t)).toBe(true);
      expect(item.updated).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(String(item.url)).toMatch(new RegExp(`^${ORIGIN}/m/[a-z0-9-]+$`));
      expect(item.conference_url).toBe(item.url);
      expect(item.conference_url_notes).toBe(JOIN_NOTES);
      expect(item.group).toBe("Riverside Group");
      expect(String(item.formatted_address).length).toBeGreaterThan(0);
      if ("notes" in item) expect(typeof item.notes).toBe("string");
    }
    const spanish = items.find((i) => i.name === "Grupo Nueva Vida");
    expect(spanish).toMatchObject({
      day: 6,
      time: "23:30",
      end_time: "01:00",
      types: ["C", "SP", "S"],
      venmo: "@NuevaVida-AA",
      paypal: "nuevavidaaa",
    });
    expect(items.find((i) => i.slug === "early-birds-wednesday")).toMatchObject({
      day: 3,
      url: `${ORIGIN}/m/early-birds`,
      notes: "Open discussion.\nAll welcome, including newcomers.",
    });
    expect(items.find((i) => i.slug === "kolkata-evening-sunday")).toMatchObject({
      attendance_option: "online",
      formatted_address: "Kolkata",
      approximate: "yes",
    });
    const text = JSON.stringify(items);
    for (const secret of ["zoom.example", "pbkdf2", "serenity", "feed.secretary", "Test member"])
      expect(text).not.toContain(secret);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("sends CORS headers a page on another origin can read it with", async () => {
    const res = await call("/api/feeds/meeting-guide.json", { headers: { Origin: "http://127.0.0.2:9999" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("gives day arrays on ?days=array and refuses an unknown mode", async () => {
    const items = (await (
      await call("/api/feeds/groups/riverside/meeting-guide.json?days=array")
    ).json()) as FeedItem[];
    expect(items.find((i) => i.slug === "early-birds")).toMatchObject({ day: [1, 3, 5] });
    const bad = await call("/api/feeds/meeting-guide.json?days=both");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorJson).error.code).toBe("invalid_request");
  });

  it("carries a venue set in the meeting (hybrid), and keeps languages outside the spec on the meeting only", async () => {
    const venue = {
      name: "St. Mark's Hall",
      address: "1 Main St",
      city: "Evanston",
      region: "IL",
      postalCode: "60201",
      country: "USA",
      latitude: 42.05,
      longitude: -87.68,
      wheelchairAccess: true,
    };
    const m = await create("Hall Group", {
      languages: ["VI", "EN"],
      schedule: { days: [2], startTime: "18:00", durationMinutes: 60 },
      place: { attendance: "hybrid", venue, regions: ["North Shore"] },
    });
    const page = (await (await call(`/api/meetings/${m.slug}`)).json()) as {
      meeting: {
        languages: string[];
        online: boolean;
        place: { attendance: string; venue: { directionsUrl: string; formattedAddress: string } };
      };
    };
    expect(page.meeting.languages).toEqual(["VI", "EN"]);
    expect(page.meeting.online).toBe(true);
    expect(page.meeting.place.venue.formattedAddress).toBe("1 Main St, Evanston, IL 60201, USA");
    expect(page.meeting.place.venue.directionsUrl).toBe("https://www.openstreetmap.org/directions?to=42.05%2C-87.68");
    const items = (await (await call("/api/feeds/groups/riverside/meeting-guide.json")).json()) as FeedItem[];
    expect(items.find((i) => i.slug === m.slug)).toMatchObject({
      attendance_option: "hybrid",
      location: "St. Mark's Hall",
      latitude: 42.05,
      regions: ["North Shore"],
      types: ["O", "D", "EN", "X"],
    });
    const patched = await call(`/api/meetings/${m.id}`, {
      method: "PATCH",
      headers: secretary.auth,
      json: { place: { attendance: "online", approximatePlace: "Evanston, IL, USA" } },
    });
    expect(patched.status).toBe(200);
    const after = (await (await call("/api/feeds/groups/riverside/meeting-guide.json")).json()) as FeedItem[];
    const item = after.find((i) => i.slug === m.slug);
    expect(item).toMatchObject({
      attendance_option: "online",
      formatted_address: "Evanston, IL, USA",
      approximate: "yes",
      types: ["O", "D", "EN"],
    });
    expect(item).not.toHaveProperty("location");
    const archived = await call(`/api/meetings/${m.id}`, { method: "DELETE", headers: secretary.auth });
    expect(archived.status).toBe(200);
  });

  it("refuses a venue without an address or with half a coordinate", async () => {
    for (const place of [
      { attendance: "in_person", venue: { city: "Evanston", country: "USA" } },
      { attendance: "hybrid", venue: { address: "1 Main St", city: "Evanston", country: "USA", latitude: 42 } },
      { attendance: "online", venue: { address: "1 Main St", city: "Evanston", country: "USA" } },
    ]) {
      const res = await call("/api/meetings", {
        method: "POST",
        headers: secretary.auth,
        json: {
          groupId: group.id,
          name: "Bad Place",
          types: ["O"],
          timezone: "America/Chicago",
          schedule: { days: [1], startTime: "07:00", durationMinutes: 60 },
          place,
        },
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorJson).error.code).toBe("invalid_request");
    }
  });

  it("serves one group's feed by id or slug, and 404 for an unknown group", async () => {
    const other = await createGroup();
    const byId = (await (await call(`/api/feeds/groups/${group.id}/meeting-guide.json`)).json()) as FeedItem[];
    const bySlug = (await (await call("/api/feeds/groups/riverside/meeting-guide.json")).json()) as FeedItem[];
    expect(byId).toHaveLength(6);
    expect(bySlug).toEqual(byId);
    expect(await (await call(`/api/feeds/groups/${other.id}/meeting-guide.json`)).json()).toEqual([]);
    expect((await call("/api/feeds/groups/nope/meeting-guide.json")).status).toBe(404);
  });
});

describe("calendar files", () => {
  it("parse with ical.js: weekly RRULE with TZID, EXDATE for a cancellation, an override for a move", async () => {
    const meetingId = ids["Early Birds"] ?? "";
    const occ = (
      (await (await call(`/api/meetings/${meetingId}/occurrences`)).json()) as {
        items: { id: string; localDate: string; startsAt: string }[];
      }
    ).items;
    const [cancel, move] = occ;
    expect(
      (await call(`/api/occurrences/${cancel?.id}/cancel`, { method: "POST", headers: secretary.auth })).status,
    ).toBe(200);
    const newStart = new Date(Date.parse(move?.startsAt ?? "") + 30 * 60_000).toISOString();
    expect(
      (
        await call(`/api/occurrences/${move?.id}/move`, {
          method: "POST",
          json: { startsAt: newStart },
          headers: secretary.auth,
        })
      ).status,
    ).toBe(200);

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
    const summaries = cal
      .getAllSubcomponents("vevent")
      .filter((e) => !e.hasProperty("recurrence-id"))
      .map((e) => e.getFirstPropertyValue("summary"));
    expect(summaries.sort()).toEqual(["Early Birds", "Grupo Nueva Vida", "Kolkata Evening"]);
    expect((await call("/api/groups/nope/calendar.ics")).status).toBe(404);
  });

  it("lets any site's script read the calendar files, like the feed, and never with credentials (issue 14)", async () => {
    const meetingId = ids["Early Birds"] ?? "";
    for (const path of [
      `/api/meetings/${meetingId}/calendar.ics`,
      "/api/groups/riverside/calendar.ics",
      "/api/feeds/meeting-guide.json",
    ]) {
      for (const origin of [undefined, "https://intergroup.example", ORIGIN]) {
        const res = await call(path, { headers: origin ? { Origin: origin } : {} });
        expect(res.status, path).toBe(200);
        expect(res.headers.get("Access-Control-Allow-Origin"), `${path} from ${origin}`).toBe("*");
        expect(res.headers.get("Access-Control-Allow-Credentials"), `${path} from ${origin}`).toBeNull();
      }
    }
  });
});
