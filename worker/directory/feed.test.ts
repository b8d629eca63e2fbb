import { describe, expect, it } from "vitest";
import { feedTimestamp, toMeetingGuideItem } from "./feed";

const base = {
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
};

describe("toMeetingGuideItem", () => {
  it("maps to the Meeting Guide fields, with the public page as conference_url", () => {
    expect(toMeetingGuideItem(base, "https://mh.example")).toEqual({
      name: "Night Owls",
      slug: "night-owls",
      day: 3,
      time: "23:30",
      end_time: "01:00",
      timezone: "America/Chicago",
      types: ["O", "D", "S"],
      conference_url: "https://mh.example/m/night-owls",
      conference_url_notes: "Join in the browser; no account needed.",
      group: "Lakeside Group",
      updated: "2026-11-21 09:05:07",
      url: "https://mh.example/m/night-owls",
    });
  });

  it("uses a day array for several days and carries notes and Seventh Tradition handles", () => {
    const item = toMeetingGuideItem({ ...base, days: [5, 1], description: "Hi", venmo: "@x", homegroupOnline: "hg" }, "https://mh.example");
    expect(item).toMatchObject({ day: [1, 5], notes: "Hi", venmo: "@x", homegroup_online: "hg" });
    expect(item).not.toHaveProperty("paypal");
  });
});

describe("feedTimestamp", () => {
  it("is UTC YYYY-MM-DD HH:MM:SS", () => {
    expect(feedTimestamp(0)).toBe("1970-01-01 00:00:00");
  });
});
