/**
 * A tiny JSON Schema checker for the keywords `z.toJSONSchema` emits for the room protocol.
 * Why not zod itself in the browser: zod's classic API costs ~30 KB gzipped, which would break
 * the attendee path's 100 KB budget. The schema it checks against is generated from the shared
 * zod `ServerMessage` (see frame-schema.test.ts, which fails when the two drift or when the
 * schema starts using a keyword this checker does not know).
 */
export type JsonSchema = {
  type?: "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** `false` is treated as zod's default "strip": unknown keys are ignored, never fatal. */
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

/** The keywords `matches` understands (the test checks the generated schema uses no others). */
export const SUPPORTED_KEYWORDS = new Set([
  "$schema",
  "type",
  "const",
  "enum",
  "properties",
  "required",
  "additionalProperties",
  "propertyNames",
  "items",
  "anyOf",
  "oneOf",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeMatches(type: JsonSchema["type"], value: unknown): boolean {
  switch (type) {
    case undefined:
      return true;
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isSafeInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      return type satisfies never;
  }
}

/** Does `value` satisfy `schema`? */
export function matches(schema: JsonSchema, value: unknown): boolean {
  if (!typeMatches(schema.type, value)) return false;
  if ("const" in schema && value !== schema.const) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.anyOf && !schema.anyOf.some((s) => matches(s, value))) return false;
  // A discriminated union: at most one branch can match, so "some" is "exactly one" here.
  if (schema.oneOf && !schema.oneOf.some((s) => matches(s, value))) return false;
  if (typeof value === "string") {
    // UTF-16 units, as zod's .min/.max count them (JSON Schema would count code points).
    const length = value.length;
    if (schema.minLength !== undefined && length < schema.minLength) return false;
    if (schema.maxLength !== undefined && length > schema.maxLength) return false;
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
  }
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    if (!value.every((v) => matches(items, v))) return false;
  }
  if (isObject(value)) {
    const props = schema.properties ?? {};
    for (const key of schema.required ?? []) if (!(key in value)) return false;
    for (const [key, v] of Object.entries(value)) {
      const own = props[key];
      if (own) {
        if (!matches(own, v)) return false;
      } else if (isObject(schema.additionalProperties) && !matches(schema.additionalProperties, v)) return false;
      if (schema.propertyNames && !matches(schema.propertyNames, key)) return false;
    }
  }
  return true;
}
