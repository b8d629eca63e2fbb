import { beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "#shared/api-error";
import { createGroup, createMember, type TestMember } from "./fixtures";
import { call } from "./helpers";
import { fetchOpenApi } from "./openapi-support";

/** Issue 15 point 10: every validation issue carries its kind, so the web app can say it in the reader's language. */
let group: Awaited<ReturnType<typeof createGroup>>;
let secretary: TestMember;

beforeAll(async () => {
  group = await createGroup({ name: "Error Kinds Group" });
  secretary = await createMember(group.id, ["secretary"]);
});

function meeting(overrides: Record<string, unknown>) {
  return {
    groupId: group.id,
    name: "Kinds of mistakes",
    types: ["O"],
    languages: ["EN"],
    timezone: "America/Chicago",
    schedule: { days: [1], startTime: "07:00", durationMinutes: 60 },
    waitingRoom: false,
    chatRetention: "end",
    ...overrides,
  };
}

async function refused(json: unknown): Promise<ErrorBody["error"]> {
  const res = await call("/api/meetings", { method: "POST", json, headers: secretary.auth });
  expect(res.status).toBe(400);
  return ((await res.json()) as ErrorBody).error;
}

describe("validation issues carry a machine-readable kind", () => {
  it("a too-short passcode names its field, too_small, string and the minimum; the English message stays", async () => {
    const error = await refused(meeting({ passcode: "12" }));
    expect(error.code).toBe("invalid_request");
    const issue = error.issues?.find((i) => i.path === "json.passcode");
    expect(issue).toMatchObject({ code: "too_small", origin: "string", minimum: 6 });
    expect(issue?.message).toMatch(/6/);
  });

  it("a too-long name is too_big with its maximum; a wrong type and an unknown enum value have their own codes", async () => {
    const error = await refused(meeting({ name: "x".repeat(500), capacity: "many", chatRetention: "forever" }));
    const byPath = Object.fromEntries((error.issues ?? []).map((i) => [i.path, i]));
    expect(byPath["json.name"]).toMatchObject({ code: "too_big", origin: "string" });
    expect(typeof byPath["json.name"]?.maximum).toBe("number");
    expect(byPath["json.capacity"]?.code).toBe("invalid_type");
    expect(byPath["json.chatRetention"]?.code).toBe("invalid_value");
  });

  it("the OpenAPI Error schema describes code, origin, minimum and maximum of an issue", async () => {
    const doc = (await fetchOpenApi()) as unknown as {
      components: { schemas: { Error: { properties: { error: { properties: { issues: { items: unknown } } } } } } };
    };
    const item = doc.components.schemas.Error.properties.error.properties.issues.items as {
      required: string[];
      properties: Record<string, { type: string }>;
    };
    expect(item.required).toEqual(["path", "message"]);
    expect(item.properties.code?.type).toBe("string");
    expect(item.properties.origin?.type).toBe("string");
    expect(item.properties.minimum?.type).toBe("number");
    expect(item.properties.maximum?.type).toBe("number");
  });
});
