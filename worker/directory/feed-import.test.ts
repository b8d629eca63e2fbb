import { describe, expect, it } from "vitest";
import { baseSlug, localSlug, normalizeTime, planImport } from "./feed-import";

const ctx = { groupId: "g", groupTimezone: "America/Chicago", appOrigin: "https://mh.example" };

describe("feed import rules", () => {
  it("reads times and slugs as feeds write them", () => {
    expect(normalizeTime("7:05")).toBe("07:05");
    expect(normalizeTime("19:30:00")).toBe("19:30");
    expect(normalizeTime("24:00")).toBeUndefined();
    expect(localSlug("Sunday_Serenity!")).toBe("sunday-serenity");
    expect(baseSlug("early-birds-monday", 1)).toBe("early-birds");
    expect(baseSlug("early-birds-monday", 2)).toBe("early-birds-monday");
    expect(baseSlug("monday", 1)).toBe("monday");
  });

  it("merges the days of one meeting, keeps apart items that only share a base slug", () => {
    const item = {
      name: "Early Birds",
      time: "07:00",
      timezone: "America/Chicago",
      formatted_address: "Chicago, IL, USA",
      approximate: "yes",
      conference_url: "https://mh.example/m/early-birds",
    };
    const same = planImport(
      [
        { ...item, slug: "early-birds-monday", day: 1 },
        { ...item, slug: "early-birds-friday", day: 5 },
      ],
      ctx,
    );
    expect(same.candidates.map((c) => [c.sourceSlug, c.input.schedule.days])).toEqual([["early-birds", [1, 5]]]);
    // Our own join link is our room: it is not stored as an outside conference link.
    expect(same.candidates[0]?.input.conference).toBeUndefined();
    const apart = planImport(
      [
        { ...item, slug: "early-birds-monday", day: 1 },
        { ...item, slug: "early-birds-friday", day: 5, time: "08:00" },
      ],
      ctx,
    );
    expect(apart.candidates.map((c) => [c.sourceSlug, c.input.schedule.days])).toEqual([
      ["early-birds-monday", [1]],
      ["early-birds-friday", [5]],
    ]);
  });

  it("refuses an in-person item without a street address and a venue with half a coordinate", () => {
    const plan = planImport(
      [
        {
          name: "A",
          slug: "a",
          day: 1,
          time: "10:00",
          attendance_option: "in_person",
          formatted_address: "Chicago, IL",
        },
        {
          name: "B",
          slug: "b",
          day: 1,
          time: "10:00",
          address: "1 Main St",
          city: "Evanston",
          country: "USA",
          latitude: 42,
        },
      ],
      ctx,
    );
    expect(plan.candidates).toEqual([]);
    expect(plan.refused.map((r) => r.reasons.join(" "))).toEqual([
      expect.stringContaining("street address"),
      expect.stringContaining("latitude and longitude"),
    ]);
  });
});
