import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { allow } from "../http/allow";
import type { AppEnv } from "../env";
import { fail } from "../http/errors";
import { errors, ok } from "../apidocs/responses";
import { z } from "zod";
import { readDevOutbox } from "./outbox";
import { SeedSummary, seedDemoData } from "./seed";

/**
 * Development-only helpers, mounted only by the development entry (worker/dev/index.ts). Even there
 * they answer 404 unless ENVIRONMENT is "development".
 */
export const devRoutes = new Hono<AppEnv>()
  .use("*", async (c, next) => {
    if (c.env.ENVIRONMENT !== "development") throw fail(404, "not_found", `No route for ${c.req.method} ${c.req.path}`);
    await next();
  })
  .get(
    "/outbox",
    allow.public(),
    describeRoute({
      tags: ["dev"],
      summary: "Development only: sign-in mail that would have been sent, newest first",
      responses: {
        ...ok(z.array(z.looseObject({ to: z.string(), url: z.string() }))),
        ...errors({ status: 404, description: "Outside development" }),
      },
    }),
    async (c) => c.json(await readDevOutbox(c.env)),
  )
  .post(
    "/seed",
    allow.public(),
    describeRoute({
      tags: ["dev"],
      summary: "Development only: seed the demo groups, people, meetings and books (idempotent)",
      responses: { ...ok(SeedSummary), ...errors({ status: 404, description: "Outside development" }) },
    }),
    async (c) => c.json(await seedDemoData(c.env)),
  );
