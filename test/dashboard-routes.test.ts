import { describe, expect, it } from "vitest";
import { createGroup, createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";

type ListJson = {
  items: {
    id: string;
    name: string;
    groupId: string;
    visibility: string;
    conference?: unknown;
    passcodeHash?: unknown;
  }[];
};

const meeting = (groupId: string, name: string, visibility: "public" | "unlisted") => ({
  groupId,
  name,
  types: ["O", "D"],
  timezone: "America/Chicago",
  schedule: { days: [1, 3], startTime: "07:00", durationMinutes: 60 },
  visibility,
  passcode: "serenity",
  conference: { url: "https://example.org/j/123" },
});

describe("GET /api/groups/:groupId/meetings (service dashboard list)", () => {
  it("lists the group's public and unlisted meetings, without secrets, and nothing of other groups", async () => {
    const group = await createGroup();
    const other = await createGroup();
    const secretary = await createMember(group.id, ["secretary"]);
    const otherSecretary = await createMember(other.id, ["secretary"]);
    for (const [name, vis] of [
      ["Early Birds", "public"],
      ["Quiet Room", "unlisted"],
    ] as const) {
      const res = await call("/api/meetings", {
        method: "POST",
        headers: secretary.auth,
        json: meeting(group.id, name, vis),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    await call("/api/meetings", {
      method: "POST",
      headers: otherSecretary.auth,
      json: meeting(other.id, "Elsewhere", "public"),
    });

    const host = await createMember(group.id, ["host"]);
    const res = await call(`/api/groups/${group.id}/meetings`, { headers: host.auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListJson;
    expect(body.items.map((m) => [m.name, m.visibility])).toEqual([
      ["Early Birds", "public"],
      ["Quiet Room", "unlisted"],
    ]);
    expect(body.items.every((m) => m.groupId === group.id)).toBe(true);
    const text = JSON.stringify(body);
    expect(text).not.toContain("example.org");
    expect(text).not.toContain("passcodeHash");
  });

  it("refuses the anonymous (401) and members of other groups (403)", async () => {
    const group = await createGroup();
    const stranger = await createMember((await createGroup()).id, ["admin"]);
    expect((await call(`/api/groups/${group.id}/meetings`)).status).toBe(401);
    const res = await call(`/api/groups/${group.id}/meetings`, { headers: stranger.auth });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorJson).error.code).toBeTruthy();
  });
});

describe("GET /api/groups/:groupId/expense-categories (claim form)", () => {
  it("gives any service member the active expense accounts only, and strangers nothing", async () => {
    const group = await createGroup();
    const host = await createMember(group.id, ["host"]);
    const res = await call(`/api/groups/${group.id}/expense-categories`, { headers: host.auth });
    expect(res.status).toBe(200);
    const { categories } = (await res.json()) as {
      categories: { id: string; code: string; name: string; balanceCents?: number }[];
    };
    expect(categories.map((c) => c.code)).toEqual(["5200", "5300", "5400", "5500"]);
    expect(categories.every((c) => c.balanceCents === undefined)).toBe(true);
    const stranger = await createMember((await createGroup()).id, ["treasurer"]);
    expect((await call(`/api/groups/${group.id}/expense-categories`, { headers: stranger.auth })).status).toBe(403);
  });
});
