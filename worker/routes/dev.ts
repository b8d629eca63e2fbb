import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { allow } from "../auth/authz";
import { readDevOutbox } from "../auth/mailer";
import { seedDemoData } from "../dev/seed";
import type { AppEnv } from "../env";
import { fail } from "../lib/errors";

/** Development-only helpers. In any other environment these routes answer 404 as if absent. */
export const devRoutes = new Hono<AppEnv>()
  .use("*", async (c, next) => {
    if (c.env.ENVIRONMENT !== "development") throw fail(404, "not_found", `No route for ${c.req.method} ${c.req.path}`);
    await next();
  })
  .get("/outbox", allow.public(), describeRoute({ tags: ["dev"], summary: "Development only: sign-in mail that would have been sent, newest first" }), async (c) =>
    c.json(await readDevOutbox(c.env)),
  )
  .post("/seed", allow.public(), describeRoute({ tags: ["dev"], summary: "Development only: seed the demo groups, people, meetings and books (idempotent)" }), async (c) =>
    c.json(await seedDemoData(c.env)),
  );
