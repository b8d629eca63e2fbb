import { and, asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { groups, meetings } from "../../db/schema";
import { publicMeeting } from "../views";
import type { AppEnv } from "../../env";
import { notFound } from "../../lib/errors";
import { validate } from "../../http/validate";
import { ok } from "../../apidocs/responses";
import { GroupMeetingsJson } from "../view-schemas";

const groupParam = z.object({ groupId: z.string().min(1).max(64) });

/**
 * A group's own meetings for its service dashboard — unlisted ones too, which the public
 * directory never shows. Conference details stay on the single-meeting route for editors.
 */
export const groupMeetingRoutes = new Hono<AppEnv>().get(
  "/meetings",
  allow.roles(["secretary", "host", "treasurer", "admin"], { from: "param", name: "groupId" }),
  describeRoute({
    tags: ["meetings"],
    summary: "A group's active meetings (public and unlisted), for its service members",
    responses: ok(GroupMeetingsJson),
  }),
  validate("param", groupParam),
  async (c) => {
    const { groupId } = c.req.valid("param");
    const d = db(c.env);
    const group = await d
      .select({ name: groups.name, slug: groups.slug })
      .from(groups)
      .where(eq(groups.id, groupId))
      .get();
    if (!group) throw notFound("Group");
    const rows = await d
      .select()
      .from(meetings)
      .where(and(eq(meetings.groupId, groupId), eq(meetings.status, "active")))
      .orderBy(asc(meetings.name));
    return c.json({ items: rows.map((m) => ({ ...publicMeeting(m, group), groupId })) });
  },
);
