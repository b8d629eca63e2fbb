import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { prepareMagicLink } from "../worker/auth/magic-link";
import { db } from "../worker/db/client";
import { meetings, occurrences } from "../worker/db/schema";
import { meetingBans } from "../worker/db/schema-rooms";
import { readDevOutbox } from "../worker/dev/outbox";
import { newId } from "../worker/lib/ids";
import { sha256Hex } from "../worker/treasury/idempotency";
import { createMember, type TestMember } from "./fixtures";
import { call } from "./helpers";
import intergroup from "./meeting-guide-samples/intergroup.json";
import { deref, fetchOpenApi, type JsonSchema, type OpenApiDoc, operations } from "./openapi-support";
import { enter, joinOk, liveRoom } from "./rooms-helpers";
import { checkoutCompleted, deliver, WEBHOOK_SECRET } from "./stripe-fixtures";
import { type Books, post, setupBooks } from "./treasury-helpers";

/**
 * Real answers of every POST / PUT / PATCH / DELETE route the OpenAPI document lists, each made
 * with a valid request by a role that may make it, checked against the schema the document gives
 * for the status it answered. Operations come from the document: a new one without a recipe
 * here, or without a documented success schema, fails.
 */

const doc: OpenApiDoc = await fetchOpenApi();
const writes = operations(doc).filter((o) => o.method !== "get");
let b: Books;

const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (ch) => ch.charCodeAt(0),
);
const HOUR = 3600_000;

beforeAll(async () => {
  b = await setupBooks();
});

const treasury = (path: string) => `/api/groups/${b.groupId}/treasury${path}`;
const asJson = (method: string, path: string, who: TestMember | Record<string, string>, json?: unknown) =>
  call(path, {
    method,
    ...(json === undefined ? {} : { json }),
    headers: "auth" in who ? (who as TestMember).auth : (who as Record<string, string>),
  });
async function idOf(res: Response, pick: (body: Record<string, unknown>) => unknown): Promise<string> {
  if (res.status >= 300) throw new Error(`setup: ${res.status} ${await res.text()}`);
  return String(pick((await res.json()) as Record<string, unknown>));
}

/** A sign-in token for a known member, from the development outbox (no waiting: delivery is awaited here). */
async function signInToken(): Promise<string> {
  const email = `${newId("w")}@example.test`.toLowerCase();
  await createMember(b.groupId, ["host"], { email });
  await (await prepareMagicLink(env, email))();
  const mail = (await readDevOutbox(env)).find((m) => m.to.toLowerCase() === email);
  return new URLSearchParams(new URL(mail?.url ?? "http://x/").hash.slice(1)).get("token") ?? "";
}

/** An occurrence as the materializer writes it (its own meeting, so its local date is free). */
async function occurrence(status: "scheduled" | "live", startsAt: number): Promise<string> {
  const meetingId = newId("mtg_");
  await db(env)
    .insert(meetings)
    .values({
      id: meetingId,
      groupId: b.groupId,
      slug: `w-${meetingId
        .slice(-10)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "x")}`,
      name: "Writes",
      types: ["O"],
      languages: ["EN"],
      timezone: "UTC",
      days: [1],
      startTime: "19:00",
      durationMinutes: 60,
      updatedAt: Date.now(),
    });
  const id = newId("occ_");
  await db(env)
    .insert(occurrences)
    .values({
      id,
      meetingId,
      localDate: new Date(startsAt).toISOString().slice(0, 10),
      startsAt,
      endsAt: startsAt + HOUR,
      status,
    });
  return id;
}

async function newMeeting(): Promise<string> {
  const res = await asJson("POST", "/api/meetings", b.secretary, {
    groupId: b.groupId,
    name: `Writes ${newId("n")}`,
    types: ["O"],
    languages: ["EN"],
    timezone: "America/Chicago",
    schedule: { days: [1, 3], startTime: "19:00", durationMinutes: 60 },
  });
  return idOf(res, (x) => (x.meeting as { id: string }).id);
}

async function claim(): Promise<string> {
  return idOf(
    await asJson("POST", treasury("/expenses"), b.secretary, {
      payee: "Hall",
      amountCents: 2500,
      accountId: b.accounts["5200"],
      description: "Rent",
      noReceiptReason: "Paid in cash at the door",
    }),
    (x) => (x.expense as { id: string }).id,
  );
}

async function signUpload(): Promise<{ id: string; url: string; headers: Record<string, string> }> {
  const res = await asJson("POST", "/api/attachments/sign", b.secretary, {
    groupId: b.groupId,
    filename: "r.png",
    contentType: "image/png",
    size: PNG.byteLength,
    sha256: await sha256Hex(PNG),
    via: "worker",
  });
  const body = (await res.json()) as { id: string; upload: { url: string; headers: Record<string, string> } };
  return { id: body.id, url: new URL(body.upload.url).pathname, headers: body.upload.headers };
}
const putBytes = (u: { url: string; headers: Record<string, string> }) =>
  call(u.url, {
    method: "PUT",
    body: PNG,
    headers: { ...b.secretary.auth, ...u.headers, "Content-Length": String(PNG.byteLength) },
  });
async function confirmedUpload(): Promise<string> {
  const u = await signUpload();
  await putBytes(u);
  await asJson("POST", "/api/attachments/confirm", b.secretary, { id: u.id });
  return u.id;
}

/** A valid request for each write operation, by a role that may make it. */
const RECIPES: Record<string, () => Promise<Response>> = {
  "post /api/auth/magic-link": () => asJson("POST", "/api/auth/magic-link", {}, { email: "nobody-known@example.test" }),
  "post /api/auth/session": async () => asJson("POST", "/api/auth/session", {}, { token: await signInToken() }),
  "post /api/auth/token": async () => asJson("POST", "/api/auth/token", {}, { token: await signInToken() }),
  "post /api/auth/refresh": async () =>
    asJson("POST", "/api/auth/refresh", {}, { refreshToken: (await createMember(b.groupId, ["host"])).refreshToken }),
  "post /api/auth/logout": async () => asJson("POST", "/api/auth/logout", await createMember(b.groupId, ["host"])),
  "delete /api/me": async () => asJson("DELETE", "/api/me", await createMember(null, [])),
  "post /api/occurrences/{id}/join": async () =>
    call(`/api/occurrences/${(await liveRoom()).occurrenceId}/join`, { method: "POST", json: { displayName: "Sam" } }),
  "post /api/occurrences/{id}/rejoin": async () => {
    const { occurrenceId } = await liveRoom();
    const joined = await joinOk(occurrenceId, "Rae");
    return call(`/api/occurrences/${occurrenceId}/rejoin`, {
      method: "POST",
      headers: { Authorization: `Bearer ${joined.sessionToken}` },
    });
  },
  "post /api/occurrences/{id}/chat": async () => {
    const { occurrenceId } = await liveRoom();
    const alice = await enter(occurrenceId, "alice");
    const res = await call(`/api/occurrences/${occurrenceId}/chat`, {
      method: "POST",
      json: { text: "over http" },
      headers: { Authorization: `Bearer ${alice.sessionToken}` },
    });
    alice.socket.close();
    return res;
  },
  "post /api/moderation/{occurrenceId}": async () => {
    const { occurrenceId, host } = await liveRoom();
    const h = await enter(occurrenceId, "host", {}, host.auth);
    const alice = await enter(occurrenceId, "alice");
    const res = await call(`/api/moderation/${occurrenceId}`, {
      method: "POST",
      json: { action: "mute", participantId: alice.participantId },
      headers: { Authorization: `Bearer ${h.sessionToken}` },
    });
    h.socket.close();
    alice.socket.close();
    return res;
  },
  "post /api/groups": async () =>
    asJson("POST", "/api/groups", await createMember(null, [], { platformAdmin: true }), {
      name: "Writes Group",
      timezone: "Europe/Madrid",
    }),
  "post /api/groups/{groupId}/members": () =>
    asJson("POST", `/api/groups/${b.groupId}/members`, b.admin, {
      email: `${newId("i")}@example.test`.toLowerCase(),
      role: "host",
    }),
  "post /api/groups/{groupId}/members/{assignmentId}/end": async () => {
    const assignmentId = await idOf(
      await asJson("POST", `/api/groups/${b.groupId}/members`, b.admin, {
        email: `${newId("i")}@example.test`.toLowerCase(),
        role: "host",
      }),
      (x) => (x.assignment as { id: string }).id,
    );
    return asJson("POST", `/api/groups/${b.groupId}/members/${assignmentId}/end`, b.admin, {});
  },
  "delete /api/meetings/{id}/bans/{banId}": async () => {
    const { meetingId, occurrenceId, host } = await liveRoom();
    const banId = newId("ban_");
    await db(env).insert(meetingBans).values({ id: banId, meetingId, occurrenceId, createdByParticipant: "p_host" });
    return asJson("DELETE", `/api/meetings/${meetingId}/bans/${banId}`, host);
  },
  "post /api/meetings/{id}/passcode-request": async () => {
    const res = await asJson("POST", "/api/meetings", b.secretary, {
      groupId: b.groupId,
      name: `Ask ${newId("n")}`,
      types: ["O"],
      languages: ["EN"],
      timezone: "America/Chicago",
      schedule: { days: [2], startTime: "19:00", durationMinutes: 60 },
      passcode: "open-sesame",
      passcodeAccess: "ask",
    });
    const meetingId = await idOf(res, (x) => (x.meeting as { id: string }).id);
    return asJson(
      "POST",
      `/api/meetings/${meetingId}/passcode-request`,
      {},
      { message: "I am new and would like to come tonight" },
    );
  },
  "post /api/meetings": async () =>
    asJson("POST", "/api/meetings", b.secretary, {
      groupId: b.groupId,
      name: "Lunch Bunch",
      types: ["O", "D"],
      languages: ["EN"],
      timezone: "America/Chicago",
      schedule: { days: [2], startTime: "12:00", durationMinutes: 60 },
      passcode: "serenity-42",
      place: {
        attendance: "hybrid",
        venue: {
          name: "St. Mark's Hall",
          address: "100 Main St",
          city: "Springfield",
          region: "IL",
          postalCode: "62701",
          country: "US",
          wheelchairAccess: true,
        },
      },
    }),
  "patch /api/meetings/{id}": async () =>
    asJson("PATCH", `/api/meetings/${await newMeeting()}`, b.secretary, { name: "Renamed meeting" }),
  "delete /api/meetings/{id}": async () => asJson("DELETE", `/api/meetings/${await newMeeting()}`, b.secretary),
  "post /api/occurrences/{id}/start": async () =>
    asJson("POST", `/api/occurrences/${await occurrence("scheduled", Date.now() + 10 * 60_000)}/start`, b.secretary),
  "post /api/occurrences/{id}/end": async () =>
    asJson("POST", `/api/occurrences/${await occurrence("live", Date.now() - 10 * 60_000)}/end`, b.secretary),
  "post /api/occurrences/{id}/cancel": async () =>
    asJson("POST", `/api/occurrences/${await occurrence("scheduled", Date.now() + 48 * HOUR)}/cancel`, b.secretary),
  "post /api/occurrences/{id}/move": async () => {
    const id = await occurrence("scheduled", Date.now() + 48 * HOUR);
    return asJson("POST", `/api/occurrences/${id}/move`, b.secretary, {
      startsAt: new Date(Date.now() + 50 * HOUR).toISOString(),
    });
  },
  "post /api/ops/materialize": async () =>
    asJson("POST", "/api/ops/materialize", await createMember(null, [], { platformAdmin: true })),
  "post /api/ops/purge": async () =>
    asJson("POST", "/api/ops/purge", await createMember(null, [], { platformAdmin: true })),
  "post /api/groups/{groupId}/treasury/accounts": () =>
    asJson("POST", treasury("/accounts"), b.treasurer, {
      code: `9${Math.floor(Math.random() * 900 + 100)}`,
      name: "Literature fund",
      type: "asset",
    }),
  "patch /api/groups/{groupId}/treasury/accounts/{accountId}": () =>
    asJson("PATCH", treasury(`/accounts/${b.accounts["5200"]}`), b.treasurer, { name: "Rent: Hall" }),
  "delete /api/groups/{groupId}/treasury/accounts/{accountId}": async () => {
    const id = await idOf(
      await asJson("POST", treasury("/accounts"), b.treasurer, { code: "X-DEL", name: "Unused", type: "expense" }),
      (x) => (x.account as { id: string }).id,
    );
    return asJson("DELETE", treasury(`/accounts/${id}`), b.treasurer);
  },
  "post /api/groups/{groupId}/treasury/journal/entries": () =>
    post(treasury("/journal/entries"), b.treasurer, {
      date: "2026-10-02",
      memo: "(1) Coffee",
      lines: [
        { accountId: b.accounts["5200"], amountCents: 1200 },
        { accountId: b.accounts["1000"], amountCents: -1200 },
      ],
    }),
  "post /api/groups/{groupId}/treasury/journal/entries/{entryId}/reverse": async () => {
    const lines = [
      { accountId: b.accounts["5200"], amountCents: 700 },
      { accountId: b.accounts["1000"], amountCents: -700 },
    ];
    const entryId = await idOf(
      await post(treasury("/journal/entries"), b.treasurer, { date: "2026-10-03", memo: "Mistake", lines }),
      (x) => x.entryId,
    );
    return post(treasury(`/journal/entries/${entryId}/reverse`), b.treasurer, { reason: "Posted twice" });
  },
  "post /api/groups/{groupId}/treasury/contributions/batch": () =>
    post(treasury("/contributions/batch"), b.treasurer, {
      date: "2026-10-05",
      meetingId: b.meetingId,
      items: [
        { amountCents: 2000, method: "cash" },
        { amountCents: 1500, method: "online" },
      ],
    }),
  "post /api/groups/{groupId}/treasury/expenses": () =>
    asJson("POST", treasury("/expenses"), b.secretary, {
      payee: "Hall",
      amountCents: 2500,
      accountId: b.accounts["5200"],
      description: "Rent",
      attachmentId: undefined,
      noReceiptReason: "Paid in cash at the door",
    }),
  "post /api/groups/{groupId}/treasury/expenses/{expenseId}/approve": async () =>
    asJson("POST", treasury(`/expenses/${await claim()}/approve`), b.treasurer, { note: "Matches the receipt" }),
  "post /api/groups/{groupId}/treasury/expenses/{expenseId}/reject": async () =>
    asJson("POST", treasury(`/expenses/${await claim()}/reject`), b.treasurer, {}),
  "post /api/groups/{groupId}/treasury/expenses/{expenseId}/pay": async () => {
    const id = await claim();
    await asJson("POST", treasury(`/expenses/${id}/approve`), b.treasurer, {});
    return post(treasury(`/expenses/${id}/pay`), b.treasurer, { date: "2026-10-06", reference: "chq 101" });
  },
  "post /api/groups/{groupId}/treasury/budget/fy": () =>
    asJson("POST", treasury("/budget/fy"), b.treasurer, { startYear: 2027 }),
  "put /api/groups/{groupId}/treasury/budget/fy/{fyId}/lines": async () => {
    const fyId = await idOf(
      await asJson("POST", treasury("/budget/fy"), b.treasurer, { startYear: 2028 }),
      (x) => (x.fiscalYear as { id: string }).id,
    );
    return asJson("PUT", treasury(`/budget/fy/${fyId}/lines`), b.treasurer, {
      lines: [{ accountId: b.accounts["5200"], amountCents: 120000 }],
    });
  },
  "post /api/groups/{groupId}/treasury/budget/fy/{fyId}/close": async () => {
    const fyId = await idOf(
      await asJson("POST", treasury("/budget/fy"), b.treasurer, { startYear: 2020 }),
      (x) => (x.fiscalYear as { id: string }).id,
    );
    return asJson("POST", treasury(`/budget/fy/${fyId}/close`), b.treasurer);
  },
  "put /api/groups/{groupId}/treasury/plan": () =>
    asJson("PUT", treasury("/plan"), b.treasurer, {
      reserve: { mode: "months", months: 3 },
      split: { district: 10, area: 10, intergroup: 30, gso: 50 },
      adoptedOn: "2026-09-01",
    }),
  "post /api/groups/{groupId}/treasury/reconciliation": () =>
    asJson("POST", treasury("/reconciliation"), b.treasurer, {
      accountId: b.accounts["1000"],
      date: "2026-10-31",
      balanceCents: 12345,
      note: "October statement",
    }),
  "put /api/groups/{groupId}/treasury/stripe": () =>
    asJson("PUT", treasury("/stripe"), b.treasurer, {
      paymentLink: "https://buy.stripe.com/test_7sI5mZ",
      webhookSecret: WEBHOOK_SECRET,
      feePercentBps: 290,
      feeFixedCents: 30,
    }),
  "post /api/webhooks/stripe/{groupId}": async () => {
    const connected = await asJson("PUT", treasury("/stripe"), b.treasurer, {
      paymentLink: "https://buy.stripe.com/test_7sI5mZ",
      webhookSecret: WEBHOOK_SECRET,
      feePercentBps: 290,
      feeFixedCents: 30,
    });
    if (connected.status !== 200) throw new Error(`stripe: ${connected.status}`);
    return deliver(b.groupId, checkoutCompleted({ amount: 1000 }));
  },
  "post /api/attachments/sign": () =>
    asJson("POST", "/api/attachments/sign", b.secretary, {
      groupId: b.groupId,
      filename: "receipt.png",
      contentType: "image/png",
      size: PNG.byteLength,
      sha256: "0".repeat(64),
      via: "worker",
    }),
  "put /api/attachments/{id}/upload": async () => putBytes(await signUpload()),
  "post /api/attachments/confirm": async () => {
    const u = await signUpload();
    await putBytes(u);
    return asJson("POST", "/api/attachments/confirm", b.secretary, { id: u.id });
  },
  "post /api/attachments/{id}/link": async () =>
    asJson("POST", `/api/attachments/${await confirmedUpload()}/link`, b.secretary, {}),
  "post /api/groups/{groupId}/import/meeting-guide": () =>
    call(`/api/groups/${b.groupId}/import/meeting-guide?dryRun=1`, {
      method: "POST",
      json: intergroup,
      headers: b.secretary.auth,
    }),
  "post /api/dev/seed": () => call("/api/dev/seed", { method: "POST" }),
};

/** A zod validator for the documented schema (zod reads JSON Schema; nothing is compiled with eval). */
const validatorFor = (schema: JsonSchema) =>
  z.fromJSONSchema(deref(doc, schema) as Parameters<typeof z.fromJSONSchema>[0]);

/** Every object schema that names its properties also refuses others (strict), recursively. */
function strictEverywhere(schema: JsonSchema, path: string, out: string[]): void {
  if (schema.type === "object" && schema.properties && schema.additionalProperties !== false)
    out.push(path || "(root)");
  for (const [k, v] of Object.entries(schema.properties ?? {})) strictEverywhere(v, `${path}.${k}`, out);
  if (schema.items) strictEverywhere(schema.items, `${path}[]`, out);
  for (const k of ["anyOf", "oneOf", "allOf"] as const) for (const s of schema[k] ?? []) strictEverywhere(s, path, out);
}

describe("the OpenAPI document documents every success body", () => {
  it("gives every JSON-or-empty 2xx answer a schema (204 and the room's 101 have no body)", () => {
    const missing = operations(doc).flatMap((o) =>
      Object.entries(o.op.responses)
        .filter(
          ([status, r]) =>
            /^2/.test(status) && status !== "204" && !Object.values(r.content ?? {}).some((c) => c.schema),
        )
        .map(([status]) => `${o.method} ${o.path} ${status}`),
    );
    expect(missing).toEqual([]);
  });

  it("gives every operation at least one 4xx answer (redocly's operation-4xx-response)", () => {
    const without = operations(doc).filter((o) => !Object.keys(o.op.responses).some((s) => /^4/.test(s)));
    expect(without.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it("has a recipe for every write operation, and no recipe for one it does not list", () => {
    const listed = writes.map((o) => `${o.method} ${o.path}`).sort();
    expect(listed.length).toBeGreaterThan(40);
    expect(Object.keys(RECIPES).sort()).toEqual(listed);
  });
});

describe("every write route answers what the OpenAPI document says", () => {
  for (const o of writes) {
    const key = `${o.method} ${o.path}`;
    it(key, async () => {
      const recipe = RECIPES[key];
      if (!recipe) throw new Error(`no recipe for ${key}`);
      const res = await recipe();
      const text = await res.text();
      expect(res.status, `${key}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${key}: ${text.slice(0, 300)}`).toBeLessThan(300);
      const documented = o.op.responses[String(res.status)];
      expect(documented, `status ${res.status} is not documented`).toBeDefined();
      if (res.status === 204) {
        expect(text).toBe("");
        expect(documented?.content).toBeUndefined();
        return;
      }
      expect((res.headers.get("Content-Type") ?? "").split(";")[0]).toBe("application/json");
      const schema = documented?.content?.["application/json"]?.schema;
      expect(schema, `no JSON schema documented for ${res.status}`).toBeDefined();
      const body = JSON.parse(text) as unknown;
      const parsed = validatorFor(schema as JsonSchema).safeParse(body);
      expect(parsed.success ? [] : parsed.error.issues.slice(0, 5), text.slice(0, 400)).toEqual([]);
    }, 90_000); // seeding the demo books takes seconds on a loaded machine
  }
});

describe("the tightened shapes are strict", () => {
  // Full row shapes refuse unknown keys, so a column that starts leaking fails the tests above.
  const strict = [
    "post /api/meetings 201",
    "post /api/groups/{groupId}/treasury/accounts 201",
    "post /api/groups/{groupId}/treasury/expenses/{expenseId}/approve 200",
    "post /api/occurrences/{id}/start 200",
    "post /api/groups/{groupId}/treasury/budget/fy 201",
  ];
  for (const name of strict) {
    it(name, () => {
      const [method = "", path = "", status = ""] = name.split(" ");
      const schema = doc.paths[path]?.[method]?.responses[status]?.content?.["application/json"]?.schema;
      const loose: string[] = [];
      strictEverywhere(deref(doc, schema as JsonSchema), "", loose);
      expect(loose).toEqual([]);
    });
  }
});
