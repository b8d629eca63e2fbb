import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./helpers";
import {
  arbitraryFor,
  type Caller,
  callersFor,
  deref,
  fetchOpenApi,
  METHODS,
  type Op,
  type OpenApiDoc,
  operations,
  parametersOf,
  realPath,
  samples,
} from "./openapi-support";
import { type Books, setupBooks } from "./treasury-helpers";

/**
 * Every route in the OpenAPI document, hit with malformed and random input by callers who get
 * past authentication: no answer may be a 5xx, and every error is the JSON error body. Routes
 * are discovered from the document, so a new route is fuzzed as soon as it is documented.
 */

type Case = { label: string; path?: string; query?: string; body?: string; contentType?: string; method?: string };

const HOSTILE_STRINGS = [
  "",
  "-1",
  "99999999999999999999",
  "NaN",
  "[]",
  "' OR 1=1 --",
  "\u0000",
  "💥".repeat(50),
  "x".repeat(5_000),
  "2024-02-30",
];
const HOSTILE_PARAMS = ["%00", "x".repeat(3_000), "..%2F..", "%F0%9F%92%A5"];

function nested(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

function casesFor(doc: OpenApiDoc, { method, path, op }: Op): Case[] {
  const label = `${method} ${path}`;
  const cases: Case[] = [{ label: "as documented, no body" }];
  const params = parametersOf(doc, op);
  // Path parameters: hostile values one at a time.
  for (const p of params.filter((p) => p.in === "path")) {
    for (const v of HOSTILE_PARAMS)
      cases.push({ label: `path ${p.name}=${v.slice(0, 20)}`, path: path.replace(`{${p.name}}`, v) });
  }
  // Query: random well-formed values and hostile strings for each documented parameter.
  const query = params.filter((p) => p.in === "query");
  if (query.length) {
    const shape = Object.fromEntries(
      query.map((p) => [
        p.name,
        arbitraryFor(deref(doc, p.schema ?? {})).map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))),
      ]),
    );
    for (const q of samples(fc.record(shape, { requiredKeys: [] }), 6, `${label} query`))
      cases.push({
        label: `query ${JSON.stringify(q).slice(0, 60)}`,
        query: new URLSearchParams(q as Record<string, string>).toString(),
      });
    for (const p of query)
      for (const v of HOSTILE_STRINGS)
        cases.push({
          label: `query ${p.name}=${v.slice(0, 20)}`,
          query: new URLSearchParams({ [p.name]: v }).toString(),
        });
    cases.push({ label: "query repeated keys", query: query.map((p) => `${p.name}=a&${p.name}=b`).join("&") });
  }
  if (method !== "get") {
    const schema = op.requestBody?.content["application/json"]?.schema;
    if (schema) {
      const resolved = deref(doc, schema);
      for (const body of samples(arbitraryFor(resolved), 6, `${label} body`))
        cases.push({ label: `body ${JSON.stringify(body).slice(0, 60)}`, body: JSON.stringify(body) });
      // Each property with a wrong-typed or hostile value.
      for (const key of Object.keys(resolved.properties ?? {})) {
        for (const v of [null, "x".repeat(100_000), [], -1])
          cases.push({ label: `body ${key}=${JSON.stringify(v).slice(0, 20)}`, body: JSON.stringify({ [key]: v }) });
      }
    }
    for (const body of samples(fc.jsonValue({ maxDepth: 3 }), 3, `${label} random`))
      cases.push({ label: `random json ${JSON.stringify(body).slice(0, 40)}`, body: JSON.stringify(body) });
    cases.push(
      { label: "malformed json", body: '{"a": ' },
      { label: "json null", body: "null" },
      { label: "json array", body: "[1,2,3]" },
      { label: "json string", body: '"hello"' },
      { label: "empty object", body: "{}" },
      { label: "deeply nested arrays", body: nested(20_000) },
      { label: "deeply nested objects", body: '{"a":'.repeat(5_000) + "1" + "}".repeat(5_000) },
      { label: "1 MB string", body: JSON.stringify({ text: "x".repeat(1_000_000) }) },
      { label: "__proto__ key", body: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}' },
      { label: "text/plain", body: '{"a":1}', contentType: "text/plain" },
      { label: "form encoded", body: "a=1&b=2", contentType: "application/x-www-form-urlencoded" },
      {
        label: "multipart",
        body: "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--",
        contentType: "multipart/form-data; boundary=b",
      },
      { label: "no content type", body: '{"a":1}', contentType: "" },
    );
  }
  // Methods the path does not have.
  const item = doc.paths[path] ?? {};
  for (const other of [...METHODS, "options", "head"])
    if (!(other in item) && other !== "head" && other !== "options")
      cases.push({ label: `wrong method ${other}`, method: other.toUpperCase() });
  return cases;
}

function callersOf(op: Op["op"], all: Awaited<ReturnType<typeof callersFor>>): Caller[] {
  const schemes = new Set((op.security ?? []).flatMap((s) => Object.keys(s)));
  if (schemes.has("roomSession")) return all.participant;
  if (schemes.has("bearerAuth")) return all.user;
  return [all.anonymous, ...all.user];
}

async function send(books: Books, o: Op, c: Case, caller: Caller, n: number): Promise<Response> {
  const headers: Record<string, string> = {
    ...caller.headers,
    "Idempotency-Key": `fuzz-${n}-${o.op.operationId}`,
    "CF-Connecting-IP": `10.0.${(n >> 8) & 255}.${n & 255}`,
  };
  if (c.body !== undefined && c.contentType !== "") headers["Content-Type"] = c.contentType ?? "application/json";
  const path = realPath(c.path ?? o.path, books);
  return call(`${path}${c.query ? `?${c.query}` : ""}`, {
    method: c.method ?? o.method.toUpperCase(),
    headers,
    body: c.body,
    redirect: "manual",
  });
}

let books: Books;
let doc: OpenApiDoc;
const ops = operations(await fetchOpenApi());

beforeAll(async () => {
  books = await setupBooks();
  doc = await fetchOpenApi();
});

describe("fuzz every documented route: no 5xx, JSON errors", () => {
  it("discovers the routes from the document", () => expect(ops.length).toBeGreaterThan(60));
  let n = 0;
  for (const o of ops) {
    it(`${o.method.toUpperCase()} ${o.path}`, { timeout: 120_000 }, async () => {
      const problems: string[] = [];
      // Fresh callers per route (signing out or erasing oneself must not blind the next route),
      // kept only if the route lets them in: each role the route authorizes takes its turn.
      const candidates = callersOf(o.op, await callersFor(books));
      const allowed: Caller[] = [];
      for (const caller of candidates) {
        const probe = await send(books, o, { label: "probe" }, caller, ++n);
        await probe.body?.cancel();
        if (probe.status !== 401 && probe.status !== 403) allowed.push(caller);
      }
      const who = allowed.length ? allowed : candidates;
      // Seeding the demo data is slow and always the same work: a few cases are enough.
      const cases = o.path.startsWith("/api/dev/") ? casesFor(doc, o).slice(0, 4) : casesFor(doc, o);
      const statuses = new Map<number, number>();
      for (const [i, c] of cases.entries()) {
        const caller = who[i % who.length] as Caller;
        const res = await send(books, o, c, caller, ++n);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const type = res.headers.get("Content-Type") ?? "";
        const text = await res.text();
        if (res.status >= 500) problems.push(`${res.status} as ${caller.name}: ${c.label}: ${text.slice(0, 200)}`);
        else if (res.status >= 400) {
          let code: unknown;
          try {
            code = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error?.code;
          } catch {
            code = undefined;
          }
          if (!type.startsWith("application/json") || typeof code !== "string")
            problems.push(
              `${res.status} without a JSON error as ${caller.name}: ${c.label}: ${type} ${text.slice(0, 120)}`,
            );
        }
      }
      expect(problems).toEqual([]);
      // The fuzz reaches the handlers: some caller of an authorized role gets past authentication.
      if ((o.op.security ?? []).length)
        expect(
          allowed.length,
          `no caller gets past auth: ${JSON.stringify(Object.fromEntries(statuses))}`,
        ).toBeGreaterThan(0);
      if (process.env.FUZZ_STATS)
        console.log(`FUZZ ${o.method} ${o.path} ${JSON.stringify(Object.fromEntries(statuses))}`);
    });
  }
});
