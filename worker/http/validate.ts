import type { Context, MiddlewareHandler, ValidationTargets } from "hono";
import { uniqueSymbol, validator } from "hono-openapi";
import { z } from "zod";
import type { ErrorIssue } from "#shared/api-error";
import { fail } from "./errors";

/**
 * A JSON patch names only fields the resource has and changes at least one: unknown keys are an
 * error (never silently dropped beside a valid one) and `{}` is refused before any write.
 */
function asPatch(schema: z.ZodType): z.ZodType {
  if (!(schema instanceof z.ZodObject)) return schema;
  return schema
    .strict()
    .refine((value) => Object.keys(value as object).length > 0, { error: "Send at least one field to change" });
}

/** A zod (standard-schema) issue as the validator hands it over. */
type RawIssue = {
  path?: readonly PropertyKey[] | readonly (PropertyKey | { key: PropertyKey })[];
  message: string;
  code?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
};

const finite = (n: unknown): n is number | bigint =>
  (typeof n === "number" && Number.isFinite(n)) || typeof n === "bigint";

/**
 * One issue of the error body: where (`json.passcode`), zod's English message for API clients, and
 * its machine-readable kind (`code`, `origin`, `minimum` / `maximum`) so a client can say it in its
 * reader's language.
 */
export function issueOf(target: string, issue: RawIssue): ErrorIssue {
  const path = [target, ...(issue.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p)))].join(
    ".",
  );
  return {
    path,
    message: issue.message,
    ...(typeof issue.code === "string" ? { code: issue.code } : {}),
    ...(typeof issue.origin === "string" ? { origin: issue.origin } : {}),
    ...(finite(issue.minimum) ? { minimum: Number(issue.minimum) } : {}),
    ...(finite(issue.maximum) ? { maximum: Number(issue.maximum) } : {}),
  };
}

/**
 * Validates one part of the request with a zod schema and documents it in the OpenAPI spec.
 * Failure → 400 `invalid_request` naming every offending field. A JSON body sent with PATCH is
 * also held to the patch rule above, so every PATCH route gets it.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const hook = (result: { success: boolean; error?: readonly RawIssue[] }) => {
    if (!result.success) {
      const issues = (result.error ?? []).map((issue) => issueOf(target, issue));
      throw fail(400, "invalid_request", `Invalid ${target}: ${issues.map((i) => i.path).join(", ")}`, { issues });
    }
  };
  const plain = validator(target, schema, hook);
  if (target !== "json") return plain;
  const patch = validator(target, asPatch(schema) as T, hook);
  const middleware: MiddlewareHandler = (c: Context, next) =>
    c.req.method === "PATCH" ? patch(c, next) : plain(c, next);
  // hono-openapi finds a validator's documentation under this symbol.
  return Object.assign(middleware, {
    [uniqueSymbol]: (plain as unknown as Record<symbol, unknown>)[uniqueSymbol],
  }) as unknown as typeof plain;
}
