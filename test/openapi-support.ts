import { env } from "cloudflare:workers";
import fc from "fast-check";
import { signToken } from "../worker/auth/jwt";
import { createMember } from "./fixtures";
import { call } from "./helpers";
import type { Books } from "./treasury-helpers";

/** Just enough of OpenAPI 3.1 / JSON Schema for the document-driven tests. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  [k: string]: unknown;
};
export type Parameter = {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
};
export type Operation = {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
};
export type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, JsonSchema>; parameters?: Record<string, Parameter> };
};
export type Op = { method: string; path: string; op: Operation };

export const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export async function fetchOpenApi(): Promise<OpenApiDoc> {
  const res = await call("/api/openapi.json");
  if (res.status !== 200) throw new Error(`openapi.json: ${res.status}`);
  return (await res.json()) as OpenApiDoc;
}

export function operations(doc: OpenApiDoc): Op[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] as Operation })),
  );
}

/** A schema with every `$ref` into components replaced by its target (cycles cut at depth 20). */
export function deref(doc: OpenApiDoc, schema: JsonSchema, depth = 0): JsonSchema {
  if (depth > 20) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace("#/components/schemas/", "");
    return deref(doc, doc.components.schemas?.[name] ?? {}, depth + 1);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties)
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, deref(doc, v, depth + 1)]),
    );
  if (schema.items) out.items = deref(doc, schema.items, depth + 1);
  if (typeof schema.additionalProperties === "object")
    out.additionalProperties = deref(doc, schema.additionalProperties, depth + 1);
  for (const k of ["anyOf", "oneOf", "allOf"] as const)
    if (schema[k]) out[k] = schema[k].map((s) => deref(doc, s, depth + 1));
  return out;
}

export function parametersOf(doc: OpenApiDoc, op: Operation): Parameter[] {
  return (op.parameters ?? []).map((p) =>
    "$ref" in p ? (doc.components.parameters?.[p.$ref.split("/").pop() ?? ""] as Parameter) : p,
  );
}

/** Values that match a JSON schema (mostly): the well-formed half of the fuzz. */
export function arbitraryFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return fc.oneof(...union.map((s) => arbitraryFor(s, depth + 1)));
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0] ?? {}, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "date")
        return fc
          .date({ min: new Date("1990-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (schema.format === "date-time") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === "email") return fc.emailAddress();
      if (schema.pattern)
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 10_000));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 200) });
    case "integer":
      return fc.integer({
        min: Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER),
      });
    case "number":
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(arbitraryFor(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case "object": {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryFor(v, depth + 1)])), {
        requiredKeys: Object.keys(props).filter((k) => required.has(k)),
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Deterministic samples (fixed seed per label), so a failure reproduces run after run. */
export function samples<T>(arb: fc.Arbitrary<T>, n: number, label: string): T[] {
  let seed = 7;
  for (const ch of label) seed = (seed * 31 + ch.charCodeAt(0)) | 0;
  return fc.sample(arb, { numRuns: n, seed });
}

export type Caller = { name: string; headers: Record<string, string> };

/**
 * Callers who get past authentication: a member holding each group role in the test group, a
 * platform admin, room session tokens of an attendee and a host, and nobody (public routes).
 */
export async function callersFor(books: Books): Promise<{ user: Caller[]; participant: Caller[]; anonymous: Caller }> {
  const user: Caller[] = [];
  for (const role of ["admin", "secretary", "host", "treasurer"] as const)
    user.push({ name: role, headers: (await createMember(books.groupId, [role])).auth });
  user.push({
    name: "platformAdmin",
    headers: (await createMember(books.groupId, ["admin"], { platformAdmin: true })).auth,
  });
  const participant: Caller[] = [];
  for (const role of ["attendee", "host"] as const) {
    const token = await signToken(
      env.JWT_SECRET,
      "meetinghouse:room-session",
      `p_fuzz_${role}`,
      { occ: books.occurrenceId, role },
      600,
    );
    participant.push({ name: `participant:${role}`, headers: { Authorization: `Bearer ${token}` } });
  }
  return { user, participant, anonymous: { name: "anonymous", headers: {} } };
}

/** Real ids for path parameters, by name (and by resource for the ambiguous `id`). */
export function realPath(path: string, books: Books, ids: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "groupId") return books.groupId;
    if (name === "occurrenceId") return books.occurrenceId;
    if (name === "accountId") return books.accounts["5200"] ?? "x";
    if (name === "id" && /\/(occurrences|rooms)\//.test(path)) return books.occurrenceId;
    if (name === "id" && path.includes("/meetings/")) return books.meetingId;
    return ids[name] ?? `${name}_unknown`;
  });
}
