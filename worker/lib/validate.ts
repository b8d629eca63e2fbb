import type { ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import type { z } from "zod";
import { fail } from "./errors";

/**
 * Validates one part of the request with a zod schema and documents it in the OpenAPI spec.
 * Failure → 400 `invalid_request` naming every offending field.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return validator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.map((issue) => ({
        path: [target, ...(issue.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p)))].join("."),
        message: issue.message,
      }));
      throw fail(400, "invalid_request", `Invalid ${target}: ${issues.map((i) => i.path).join(", ")}`, { issues });
    }
  });
}
