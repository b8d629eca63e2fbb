import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES, SPEC_CODES, TYPE_CODES } from "#shared/meeting-codes";
import { daySlug, type FeedMeeting, feedTimestamp, JOIN_NOTES, meetingGuideFeed, toMeetingGuideItem } from "./feed";
import { placeColumns } from "./place";

const base: FeedMeeting = {
  slug: "night-owls",
  name: "Night Owls",
  description: null,
  types: ["O", "D"],
  languages: ["S"],
  timezone: "America/Chicago",
  days: [3],
  startTime: "23:30",
  durationMinutes: 90,
  updatedAt: Date.UTC(2026, 10, 21, 9, 5, 7),
  venmo: null,
  paypal: null,
  square: null,
  homegroupOnline: null,
  groupName: "Lakeside Group",
  ...placeColumns({ attendance: "online", approximatePlace: "Chicago, IL, USA" }),
};

const venue = {
  name: "St. Mark's Hall",
  address: "1 Main St",
  city: "Evanston",
  region: "IL",
  postalCode: "60201",
  country: "USA",
  latitude: 42.05,
  longitude: -87.68,
  notes: "Side door",
  wheelchairAccess: true,
};

describe("toMeetingGuideItem", () => {
  it("maps an online meeting with its approximate place and the public page as conference_url", () => {
    expect(toMeetingGuideItem(base, "https://mh.example", 3)).toEqual({
      name: "Night Owls",
      slug: "night-owls",
      day: 3,
      time: "23:30",
      end_time: "01:00",
      timezone: "America/Chicago",
      types: ["O", "D", "S"],
      attendance_option: "online",
      formatted_address: "Chicago, IL, USA",
      approximate: "yes",
      conference_url: "https://mh.example/m/night-owls",
      conference_url_notes: JOIN_NOTES,
      group: "Lakeside Group",
      updated: "2026-11-21 09:05:07",
      url: "https://mh.example/m/night-owls",
    });
  });

  it("names the zone's city when an online meeting has no approximate place", () => {
    const item = toMeetingGuideItem(
      { ...base, approximatePlace: null, timezone: "America/Argentina/Buenos_Aires" },
      "https://mh.example",
      3,
    );
    expect(item).toMatchObject({ formatted_address: "Buenos Aires", approximate: "yes" });
  });

  it("gives a hybrid meeting its venue, coordinates, notes, regions, wheelchair type X and the join link", () => {
    const item = toMeetingGuideItem(
      { ...base, ...placeColumns({ attendance: "hybrid", venue, regions: ["North Shore"] }) },
      "https://mh.example",
      3,
    );
    expect(item).toMatchObject({
      attendance_option: "hybrid",
      location: "St. Mark's Hall",
      formatted_address: "1 Main St, Evanston, IL 60201, USA",
      address: "1 Main St",
      city: "Evanston",
      state: "IL",
      postal_code: "60201",
      country: "USA",
      latitude: 42.05,
      longitude: -87.68,
      approximate: "no",
      location_notes: "Side door",
      regions: ["North Shore"],
      types: ["O", "D", "S", "X"],
      conference_url: "https://mh.example/m/night-owls",
    });
  });

  it("gives an in-person meeting no conference link", () => {
    const item = toMeetingGuideItem(
      { ...base, ...placeColumns({ attendance: "in_person", venue: { ...venue, latitude: null, longitude: null } }) },
      "https://mh.example",
      3,
    );
    expect(item).not.toHaveProperty("conference_url");
    expect(item).not.toHaveProperty("conference_url_notes");
    expect(item).not.toHaveProperty("latitude");
    expect(item.approximate).toBe("no");
  });

  it("emits only the spec's codes: languages the spec lacks stay off the feed", () => {
    const item = toMeetingGuideItem(
      { ...base, types: ["O"], languages: ["VI", "ZH", "CS", "RO", "ID", "EN"] },
      "https://mh.example",
      3,
    );
    expect(item.types).toEqual(["O", "EN"]);
  });

  it("carries notes and Seventh Tradition handles", () => {
    const item = toMeetingGuideItem(
      { ...base, description: "Hi", venmo: "@x", homegroupOnline: "hg" },
      "https://mh.example",
      3,
    );
    expect(item).toMatchObject({ notes: "Hi", venmo: "@x", homegroup_online: "hg" });
    expect(item).not.toHaveProperty("paypal");
  });
});

describe("meetingGuideFeed", () => {
  it("emits one item per day with its own slug; a one-day meeting keeps its slug", () => {
    const items = meetingGuideFeed(
      [
        { ...base, days: [5, 1] },
        { ...base, slug: "solo" },
      ],
      "https://mh.example",
    );
    expect(items.map((i) => [i.slug, i.day])).toEqual([
      ["night-owls-monday", 1],
      ["night-owls-friday", 5],
      ["solo", 3],
    ]);
    expect(
      items.every((i) => i.url === "https://mh.example/m/night-owls" || i.url === "https://mh.example/m/solo"),
    ).toBe(true);
  });

  it("gives day arrays when asked", () => {
    const items = meetingGuideFeed(
      [
        { ...base, days: [5, 1] },
        { ...base, slug: "solo" },
      ],
      "https://mh.example",
      "array",
    );
    expect(items.map((i) => [i.slug, i.day])).toEqual([
      ["night-owls", [1, 5]],
      ["solo", 3],
    ]);
  });

  it("keeps every slug unique and at most 64 characters, even when a shortened day slug meets another slug", () => {
    const long = "a".repeat(64);
    const clash = daySlug(long, 3);
    const items = meetingGuideFeed(
      [
        { ...base, slug: clash },
        { ...base, slug: long, days: [3, 4] },
      ],
      "https://mh.example",
    );
    const slugs = items.map((i) => i.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) expect(s.length).toBeLessThanOrEqual(64);
  });
});

describe("codes", () => {
  it("every type code is a spec code; the languages outside the spec are exactly VI ZH CS RO ID", () => {
    expect(TYPE_CODES.filter((c) => !SPEC_CODES.has(c))).toEqual([]);
    expect(LANGUAGE_CODES.filter((c) => !SPEC_CODES.has(c))).toEqual(["VI", "ZH", "CS", "RO", "ID"]);
  });
});

describe("feedTimestamp", () => {
  it("is UTC YYYY-MM-DD HH:MM:SS", () => {
    expect(feedTimestamp(0)).toBe("1970-01-01 00:00:00");
  });
});
