import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { allow } from "../../http/allow";
import { MaterializeSummary, materializeOccurrences } from "../../cron/materialize";
import { PurgeSummary, purgeExpired } from "../../cron/purge";
import type { AppEnv } from "../../env";
import { ok } from "../../apidocs/responses";

/** The cron jobs on demand, for platform admins (answers the job's summary counts). */
export const opsRoutes = new Hono<AppEnv>()
  .post(
    "/materialize",
    allow.platformAdmin(),
    describeRoute({
      tags: ["ops"],
      summary: "Materialize the next 14 days of occurrences now",
      responses: ok(MaterializeSummary),
    }),
    async (c) => c.json(await materializeOccurrences(c.env, Date.now())),
  )
  .post(
    "/purge",
    allow.platformAdmin(),
    describeRoute({ tags: ["ops"], summary: "Run the purge job now", responses: ok(PurgeSummary) }),
    async (c) => c.json(await purgeExpired(c.env, Date.now())),
  );
