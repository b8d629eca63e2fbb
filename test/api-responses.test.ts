import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { call } from "./helpers";
import {
  type Caller,
  callersFor,
  deref,
  fetchOpenApi,
  type JsonSchema,
  type OpenApiDoc,
  operations,
  parametersOf,
  realPath,
} from "./openapi-support";
import { type Books, post, setupBooks } from "./treasury-helpers";

/**
 * Real answers of every GET route the OpenAPI document lists, checked against the schema the
 * document gives for that status. Routes come from the document, so new ones are checked too.
 */

let books: Books;
let doc: OpenApiDoc;
const ids: Record<string, string> = {};
const gets = operations(await fetchOpenApi()).filter((o) => o.method === "get");

beforeAll(async () => {
  books = await setupBooks();
  doc = await fetchOpenApi();
  const entry = (await (
    await post(`/api/groups/${books.groupId}/treasury/journal/entries`, books.treasurer, {
      date: "2026-10-01",
      memo: "Hall rent",
      lines: [
        { accountId: books.accounts["5200"], amountCents: 3000 },
        { accountId: books.accounts["1000"], amountCents: -3000 },
      ],
    })
  ).json()) as { entryId: string };
  ids.entryId = entry.entryId;
  const plan = await call(`/api/groups/${books.groupId}/treasury/plan`, {
    method: "PUT",
    json: { reserve: { mode: "months", months: 2 }, split: { district: 10, area: 10, intergroup: 30, gso: 50 } },
    headers: books.treasurer.auth,
  });
  if (plan.status !== 200) throw new Error(`plan: ${plan.status}`);
});

/** A zod validator for the documented schema (zod reads JSON Schema; nothing is compiled with eval). */
function validatorFor(schema: JsonSchema): z.ZodType {
  return z.fromJSONSchema(deref(doc, schema) as Parameters<typeof z.fromJSONSchema>[0]);
}

describe("the OpenAPI document's shape", () => {
  it("has bearer and cookie security schemes, per-operation security, the feeds, and the room as 101", () => {
    const schemes =
      (doc.components as { securitySchemes?: Record<string, { type: string; scheme?: string; in?: string }> })
        .securitySchemes ?? {};
    expect(schemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.cookieAuth).toMatchObject({ type: "apiKey", in: "cookie" });
    for (const o of operations(doc)) expect(o.op.security, `${o.method} ${o.path}`).toBeDefined();
    expect(doc.paths["/api/feeds/meeting-guide.json"]?.get).toBeDefined();
    const room = doc.paths["/api/rooms/{id}"]?.get;
    expect(Object.keys(room?.responses ?? {})).toContain("101");
    expect(Object.keys(room?.responses ?? {}).filter((s) => s.startsWith("2"))).toEqual([]);
    expect(doc.paths["/api/groups/{groupId}/treasury/accounts"]?.get?.security).toEqual([
      { bearerAuth: [] },
      { cookieAuth: [] },
    ]);
    expect(doc.paths["/api/healthz"]?.get?.security).toEqual([]);
  });
});

describe("every GET route answers what the OpenAPI document says", () => {
  it("finds the GET routes in the document", () => expect(gets.length).toBeGreaterThan(25));
  for (const o of gets) {
    it(`GET ${o.path}`, async () => {
      const { user, participant, anonymous } = await callersFor(books);
      const schemes = new Set((o.op.security ?? []).flatMap((s) => Object.keys(s)));
      const who: Caller[] = schemes.has("roomSession") ? participant : schemes.has("bearerAuth") ? user : [anonymous];
      let checked = 0;
      for (const caller of who) {
        const res = await call(realPath(o.path, books, ids), { headers: caller.headers, redirect: "manual" });
        const documented = o.op.responses[String(res.status)];
        expect(documented, `status ${res.status} as ${caller.name} is not documented`).toBeDefined();
        const type = (res.headers.get("Content-Type") ?? "").split(";")[0] ?? "";
        if (type !== "application/json") {
          await res.body?.cancel();
          expect(Object.keys(documented?.content ?? {}), `${res.status} ${type} as ${caller.name}`).toContain(type);
          if (res.status < 300) checked++;
          continue;
        }
        const schema = documented?.content?.["application/json"]?.schema;
        expect(schema, `no JSON schema documented for ${res.status} as ${caller.name}`).toBeDefined();
        const body = await res.json();
        const parsed = validatorFor(schema as JsonSchema).safeParse(body);
        expect(
          parsed.success ? [] : parsed.error.issues.slice(0, 5),
          `${res.status} as ${caller.name}: ${JSON.stringify(body).slice(0, 300)}`,
        ).toEqual([]);
        if (res.status < 300) checked++;
      }
      // At least one caller of an authorized role got a real success to check. Routes that need a
      // token or resource this test cannot make (a sign-in token, an attachment, a claim) are still
      // checked on their documented error answers.
      const needsQuery = parametersOf(doc, o.op).some((p) => p.in === "query" && p.required);
      const unmade = /\{(expenseId|fyId)\}|\/attachments\/|\/rooms\//.test(o.path);
      if (!needsQuery && !unmade) expect(checked, "no successful answer was checked").toBeGreaterThan(0);
    });
  }
});
