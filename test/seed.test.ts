import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { seedDemoData } from "../worker/dev/seed";

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
