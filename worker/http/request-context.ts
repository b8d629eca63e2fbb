import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../env";
import { log } from "../lib/log";
import { newId } from "../lib/ids";

/**
 * Gives every request an id (`X-Request-Id`) and writes one structured log line when it ends:
 * method, route pattern (never the raw URL: query strings can carry tokens), status, duration.
 */
export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requestId = newId("req_");
  const started = Date.now();
  c.set("requestId", requestId);
  await next();
  c.res.headers.set("X-Request-Id", requestId);
  // The matched pattern of the last handler that ran; unknown routes log as "*".
  const route = routePath(c) || "*";
  log("request", { requestId, method: c.req.method, route, status: c.res.status, ms: Date.now() - started });
};
