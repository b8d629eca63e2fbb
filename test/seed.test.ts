import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { seedDemoData } from "../worker/dev/seed";
import { call } from "./helpers";

describe("demo seed", () => {
  it("is idempotent: a second run changes no counts", async () => {
    const first = await seedDemoData(env);
    expect(first.groups).toBe(3);
    expect(first.users).toBe(4);
    expect(first.assignments).toBe(12);
    expect(first.meetings).toBeGreaterThanOrEqual(25);
    expect(first.occurrences).toBeGreaterThan(100);
    expect(first.journalEntries).toBeGreaterThan(100);
    const second = await seedDemoData(env);
    expect(second).toEqual(first);
  });
});

describe("demo places", () => {
  it("gives every public demo meeting a place in the feed: online ones approximate, a few hybrid or in person with an address", async () => {
    await seedDemoData(env);
    const res = await call("/api/feeds/meeting-guide.json");
    const items = (await res.json()) as {
      slug: string;
      url: string;
      formatted_address: string;
      approximate: string;
      attendance_option: string;
    }[];
    const meetings = new Set(items.map((i) => i.url));
    expect(meetings.size).toBe(29);
    for (const item of items) expect(item.formatted_address.length, item.slug).toBeGreaterThan(0);
    const options = new Set(items.map((i) => i.attendance_option));
    expect([...options].sort()).toEqual(["hybrid", "in_person", "online"]);
    expect(
      items
        .filter((i) => i.attendance_option === "online")
        .every((i) => i.approximate === "yes" && i.formatted_address.includes(",")),
    ).toBe(true);
    expect(
      items
        .filter((i) => i.attendance_option !== "online")
        .every((i) => i.approximate === "no" && /\d/.test(i.formatted_address)),
    ).toBe(true);
  });
});
