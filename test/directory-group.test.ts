import { describe, expect, it } from "vitest";
import { createGroup, createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";

type DirectoryJson = { items: { slug: string; group: { slug: string } }[]; inProgress: { group: { slug: string } }[] };

async function meetingOf(group: { id: string }, auth: Record<string, string>, name: string) {
  const json = {
    groupId: group.id,
    name,
    types: ["O"],
    languages: ["EN"],
    timezone: "America/Chicago",
    schedule: { days: [0, 1, 2, 3, 4, 5, 6], startTime: "07:00", durationMinutes: 60 },
    waitingRoom: false,
    chatRetention: "end",
  };
  const res = await call("/api/meetings", { method: "POST", json, headers: auth });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { meeting: { slug: string } }).meeting.slug;
}

describe("directory: one group's meetings (the room's end screen links to the group's next one)", () => {
  it("?group= lists only that group's meetings, in start order", async () => {
    const ours = await createGroup();
    const theirs = await createGroup();
    const mine = await meetingOf(ours, (await createMember(ours.id, ["secretary"])).auth, "Our daily");
    await meetingOf(theirs, (await createMember(theirs.id, ["secretary"])).auth, "Their daily");
    const res = await call(`/api/meetings?group=${ours.slug}&tz=America/Chicago`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as DirectoryJson;
    expect(body.items.map((i) => i.slug)).toEqual([mine]);
    expect([...body.items, ...body.inProgress].every((i) => i.group.slug === ours.slug)).toBe(true);
  });

  it("refuses a malformed group with a 400 that names the parameter", async () => {
    const res = await call("/api/meetings?group=%27%20OR%201%3D1");
    expect(res.status).toBe(400);
    expect(JSON.stringify(((await res.json()) as ErrorJson).error)).toContain("group");
  });
});
