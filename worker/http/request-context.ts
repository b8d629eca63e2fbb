import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../env";
import { log } from "../lib/log";
import { newId } from "../lib/ids";

/**
 * Gives every request an id (`X-Request-Id`) and writes one structured log line when it ends:
 * method, route pattern (never the raw URL: query strings can carry tokens), status, duration.
 * Not for an opened WebSocket (101): a join is then the room's to account for (it logs refusals),
 * and a line per join was a third of the CPU a join cost under `wrangler dev` (bench/room-results.md).
 */
export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requestId = newId("req_");
  const started = Date.now();
  c.set("requestId", requestId);
  await next();
  if (c.res.status === 101) return;
  c.res.headers.set("X-Request-Id", requestId);
  // The matched pattern of the last handler that ran; unknown routes log as "*".
  const route = routePath(c) || "*";
  log("request", { requestId, method: c.req.method, route, status: c.res.status, ms: Date.now() - started });
};
