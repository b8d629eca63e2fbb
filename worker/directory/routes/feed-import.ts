import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { groups } from "../../db/schema";
import { writeSession } from "../../http/d1-bookmark";
import { sessionDb } from "../d1-session";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ITEMS, planImport } from "../feed-import";
import { importReportSchema, runImport } from "../feed-import-store";
import type { AppEnv } from "../../env";
import { readCappedJson } from "../../http/capped-body";
import { fail } from "../../http/errors";
import { notFound } from "../../lib/errors";
import { log } from "../../lib/log";
import { validate } from "../../http/validate";
import { rateLimit } from "../../http/rate-limit";

const groupParam = z.object({ groupId: z.string().min(1).max(64) });
const importQuery = z.object({ dryRun: z.enum(["0", "1", "true", "false"]).optional() });

/** Importing a group's existing directory from a Meeting Guide JSON feed (secretaries and admins). */
export const feedImportRoutes = new Hono<AppEnv>().post(
  "/meeting-guide",
  allow.roles(["secretary", "admin"], { from: "param", name: "groupId" }),
  rateLimit("WRITE_LIMITER", "user"),
  describeRoute({
    tags: ["feeds"],
    summary: "Import a Meeting Guide JSON feed into the group (?dryRun=1 previews); idempotent by slug",
    responses: {
      200: {
        description: "What was (or would be) created, updated, left unchanged or refused, per item",
        content: { "application/json": { schema: resolver(importReportSchema) } },
      },
    },
  }),
  validate("param", groupParam),
  validate("query", importQuery),
  async (c) => {
    const { groupId } = c.req.valid("param");
    const dryRun = ["1", "true"].includes(c.req.valid("query").dryRun ?? "0");
    const body = await readCappedJson(c.req.raw, IMPORT_MAX_BYTES, "A feed upload");
    if (!Array.isArray(body))
      throw fail(400, "invalid_request", "A Meeting Guide feed is a JSON array of meetings", {
        issues: [{ path: "json", message: "Expected an array" }],
      });
    if (body.length > IMPORT_MAX_ITEMS)
      throw fail(400, "invalid_request", `Import at most ${IMPORT_MAX_ITEMS} items at a time; split the feed`, {
        issues: [{ path: "json", message: `At most ${IMPORT_MAX_ITEMS} items` }],
      });
    const session = writeSession(c);
    const d = sessionDb(session);
    const group = await d
      .select({ id: groups.id, slug: groups.slug, timezone: groups.timezone })
      .from(groups)
      .where(eq(groups.id, groupId))
      .get();
    if (!group) throw notFound("Group");
    const plan = planImport(body, { groupId: group.id, groupTimezone: group.timezone, appOrigin: c.env.APP_ORIGIN });
    const report = await runImport({ raw: session, d }, group, plan, dryRun);
    if (!dryRun) log("feed_imported", { groupId: group.id, ...report.summary });
    return c.json(report);
  },
);
