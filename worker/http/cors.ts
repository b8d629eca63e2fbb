import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../env";
import { allowedOrigins } from "./security";

/** CORS for a dashboard hosted on another origin (Pages): only the configured allow-list, with credentials. */
export const corsAllowList: MiddlewareHandler<AppEnv> = (c, next) =>
  cors({
    origin: (origin) => (allowedOrigins(c.env).has(origin) ? origin : null),
    credentials: true,
    allowHeaders: ["Content-Type", "Authorization", "Idempotency-Key", "X-D1-Bookmark"],
    exposeHeaders: ["X-Request-Id", "Retry-After", "X-D1-Bookmark"],
    maxAge: 600,
  })(c, next);
