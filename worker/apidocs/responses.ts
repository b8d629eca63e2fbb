import { type DescribeRouteOptions, resolver } from "hono-openapi";
import type { z } from "zod";

type Responses = NonNullable<DescribeRouteOptions["responses"]>;

/**
 * Response documentation for `describeRoute({ responses })`, from the same zod a route's answer is
 * built to. Usage: `responses: ok(AccountList)` or `{ ...ok(Created, 201), ...errors(409) }`.
 */
export function ok(
  schema: z.ZodType,
  status: 200 | 201 | 202 = 200,
  description = status === 201 ? "Created" : status === 202 ? "Accepted" : "OK",
): Responses {
  return { [status]: { description, content: { "application/json": { schema: resolver(schema) } } } };
}

/** A success with no body (`204 No Content`). */
export function noContent(description = "Done; no body"): Responses {
  return { 204: { description } };
}

/** A non-JSON success body (calendar, CSV, ledger text, a redirect's target). */
export function okText(mediaType: string, description: string): Responses {
  return { 200: { description, content: { [mediaType]: { schema: { type: "string" as const } } } } };
}

const ERROR_REF = { $ref: "#/components/schemas/Error" };

/** Route-specific error statuses (the common ones — 400, 401, 403, 404, 429, 5xx — are added for every route from its rules). */
export function errors(...statuses: { status: number; description: string }[]): Responses {
  return Object.fromEntries(
    statuses.map(({ status, description }) => [
      status,
      { description, content: { "application/json": { schema: ERROR_REF } } },
    ]),
  );
}
