import type { Context, Hono } from "hono";
import { type GenerateSpecOptions, generateSpecs } from "hono-openapi";
import { AUTHZ_RULE, type AuthRule } from "../auth/authz";
import { ACCESS_COOKIE } from "./identify";
import type { AppEnv } from "../env";
import { RATE_LIMITED } from "./rate-limit";

export type OpenApiDocument = Awaited<ReturnType<typeof generateSpecs>>;
type Responses = Record<string, unknown>;
type Operation = {
  responses?: Responses;
  security?: Record<string, string[]>[];
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

export const TAGS = [
  { name: "ops", description: "Health, readiness and the cron jobs on demand" },
  { name: "auth", description: "Passwordless sign-in for service members (magic links, rotating refresh tokens)" },
  { name: "accounts", description: "The signed-in service member's own data: profile, roles, export, erasure" },
  { name: "groups", description: "Groups and their service positions" },
  { name: "meetings", description: "Meetings, the public directory and occurrences" },
  { name: "occurrences", description: "One meeting's dated occurrences: start, end, cancel, move" },
  { name: "feeds", description: "Meeting Guide JSON feeds and iCalendar files for other directories and calendars" },
  {
    name: "rooms",
    description: "Joining a live room; the room's WebSocket protocol is described by /api/asyncapi.json",
  },
  { name: "treasury", description: "The group's double-entry books for its Seventh Tradition money" },
  { name: "attachments", description: "Receipts and other attachments (R2)" },
  { name: "dev", description: "Development only: absent (404) in any other environment" },
];

const SPEC_OPTIONS: Partial<GenerateSpecOptions> = {
  documentation: {
    openapi: "3.1.0",
    info: {
      title: "Meetinghouse API",
      version: "0.1.0",
      description:
        "Anonymous-first home for 12-step virtual groups. Errors are `{ error: { code, message, issues? } }`. " +
        "Service members authenticate with the `mh_access` cookie or `Authorization: Bearer`; attendees never need an account. " +
        "The live room's WebSocket protocol is described in AsyncAPI 3.0 at `/api/asyncapi.json`.",
    },
    servers: [{ url: "/", description: "This deployment" }],
    tags: TAGS,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "A service member's 15-minute access token (from `POST /api/auth/token` or `/api/auth/refresh`)",
        },
        cookieAuth: {
          type: "apiKey",
          in: "cookie",
          name: ACCESS_COOKIE,
          description: "The same access token as an HttpOnly cookie, set by the web app's sign-in",
        },
        roomSession: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A room session token (`sessionToken` from `POST /api/occurrences/{id}/join`): one participant of one occurrence, no account",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                issues: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["path", "message"],
                    properties: {
                      path: {
                        type: "string",
                        description: "Where: `json.passcode`, `query.from`, `object.contentType`…",
                      },
                      message: { type: "string", description: "What is wrong, in English (for API clients)" },
                      code: {
                        type: "string",
                        description:
                          "The kind of problem, for translating it: zod's issue code (too_small, too_big, invalid_type, invalid_format, invalid_value, unrecognized_keys, custom)",
                      },
                      origin: {
                        type: "string",
                        description: "For too_small / too_big: what was measured (string, number, array…)",
                      },
                      minimum: { type: "number", description: "For too_small: the smallest allowed length or value" },
                      maximum: { type: "number", description: "For too_big: the largest allowed length or value" },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  // Serve every documented route, the feeds' `*.json` / `*.ics` paths included.
  excludeStaticFile: false,
  exclude: ["/api/openapi.json", "/api/asyncapi.json", "/api/docs", "/api/*", "/*"],
  defaultValidationErrorResponse: errorResponse(
    "Invalid input: `error.code` is `invalid_request` and `error.issues` names each field",
  ),
};

/** `/api/groups/:groupId/x` → `/api/groups/{groupId}/x` (a `:name{regex}` keeps only its name). */
export const toOpenApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?\??/g, "{$1}");

const USER_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
const STATE_CHANGING = new Set(["post", "put", "patch", "delete"]);

/** What every operation can answer besides its own statuses, from the rules it runs. */
function commonResponses(method: string, path: string, rule: AuthRule | undefined, rateLimited: boolean): Responses {
  const r: Responses = {};
  if (STATE_CHANGING.has(method)) {
    r["400"] = errorResponse("Invalid input, or a body that is not valid JSON (`malformed_json`)");
    r["415"] = errorResponse("A body sent without `Content-Type: application/json`");
  }
  if (rule && rule.kind !== "public") {
    r["401"] = errorResponse("Not signed in, or the token is invalid or expired");
    r["403"] = errorResponse(
      rule.kind === "signedIn" ? "Refused for this caller" : "The caller lacks the role this route needs",
    );
  } else if (STATE_CHANGING.has(method)) {
    r["403"] = errorResponse("A cross-origin request from an origin that is not allowed (`bad_origin`)");
  }
  if (path.includes("{")) r["404"] = errorResponse("No such resource (or not visible to this caller)");
  // Every documented GET is under /api/* or /.well-known/*, where `readLimit` counts reads.
  if (rateLimited || method === "get")
    r["429"] = {
      ...errorResponse("Too many requests; `Retry-After` says when to try again"),
      headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } },
    };
  r["500"] = errorResponse("Unexpected server error (a bug: `error.code` is `internal`)");
  r["503"] = errorResponse("A dependency (D1, R2, the rooms) is unavailable; try again");
  return r;
}

function securityOf(rule: AuthRule | undefined): Record<string, string[]>[] {
  if (!rule || rule.kind === "public") return [];
  if (rule.kind === "participant") return [{ roomSession: [] }];
  return USER_SECURITY;
}

type RouteEntry = { method: string; path: string; handler: unknown };
type RouteFacts = { rule?: AuthRule; rateLimited: boolean };

function routeFacts(app: Hono<AppEnv>): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const r of app.routes as RouteEntry[]) {
    if (r.method === "ALL") continue;
    const key = `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`;
    const f = facts.get(key) ?? { rateLimited: false };
    const h = r.handler as Record<symbol, unknown>;
    if (typeof h === "function" && AUTHZ_RULE in h) f.rule = h[AUTHZ_RULE] as AuthRule;
    if (typeof h === "function" && RATE_LIMITED in h) f.rateLimited = true;
    facts.set(key, f);
  }
  return facts;
}

/**
 * The OpenAPI 3.1 document: hono-openapi reads each route's zod validators and `describeRoute`
 * responses; the security requirement and the statuses every route shares are added here from the
 * same authorization rules and middleware the routes run, so they cannot drift apart.
 */
export async function buildOpenApi(app: Hono<AppEnv>, c: Context<AppEnv>): Promise<OpenApiDocument> {
  const spec = await generateSpecs(app, SPEC_OPTIONS, c);
  const facts = routeFacts(app);
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, raw] of Object.entries(item ?? {})) {
      const op = raw as Operation;
      if (!op || typeof op !== "object" || !("responses" in op)) continue;
      const f = facts.get(`${method} ${path}`) ?? { rateLimited: false };
      op.security = securityOf(f.rule);
      const own = op.responses ?? {};
      const hasSuccess = Object.keys(own).some((s) => /^[12]/.test(s));
      op.responses = {
        ...(hasSuccess ? {} : { 200: { description: "OK" } }),
        ...commonResponses(method, path, f.rule, f.rateLimited),
        ...own,
      };
    }
  }
  return spec;
}
