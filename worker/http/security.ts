import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { fail } from "./errors";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Routes that read their body raw: uploads streamed into R2, Stripe webhooks (the signature
 * covers the exact bytes, so the body must not be parsed and re-serialized first), and feed
 * imports (size-capped before parsing).
 */
const RAW_BODY_ROUTES = [
  /^\/api\/attachments\/[^/]+\/upload$/,
  /^\/api\/webhooks\/stripe\/[^/]+$/,
  /^\/api\/groups\/[^/]+\/import\/meeting-guide$/,
];

export function allowedOrigins(env: Env): Set<string> {
  const extra = env.CORS_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return new Set([env.APP_ORIGIN, ...extra]);
}

/** HSTS, no sniffing, no referrer (a meeting URL in a Referer header would leak who attends what). */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Referrer-Policy", "no-referrer");
  h.set("X-Frame-Options", "DENY");
  if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
};

/**
 * CSRF defence for a cookie-authenticated JSON API: a state-changing request must come from an
 * allowed Origin (when the browser sends one) and carry a JSON body. Browsers cannot send
 * `application/json` cross-site without a CORS preflight, which only allowed origins pass.
 * Malformed JSON is answered here so handlers only ever see parsed bodies.
 */
export const csrfAndJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!STATE_CHANGING.has(c.req.method)) return next();
  const origin = c.req.header("Origin");
  const allowed = allowedOrigins(c.env);
  if (origin && !allowed.has(origin) && origin !== new URL(c.req.url).origin) {
    throw fail(403, "bad_origin", "Cross-origin request refused");
  }
  if (RAW_BODY_ROUTES.some((r) => r.test(c.req.path))) return next();
  const length = c.req.header("Content-Length");
  const hasBody = (length !== undefined && length !== "0") || c.req.header("Transfer-Encoding") !== undefined;
  if (!hasBody) return next();
  const type = c.req.header("Content-Type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw fail(415, "unsupported_media_type", "Send a JSON body with Content-Type: application/json");
  }
  try {
    await c.req.json();
  } catch {
    throw fail(400, "malformed_json", "The request body is not valid JSON");
  }
  return next();
};
