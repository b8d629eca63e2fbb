import { and, asc, eq, or } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { groups, meetings } from "../../db/schema";
import { calendarSeries } from "../calendar-data";
import { exposeBookmark, readSession } from "../../http/d1-bookmark";
import { sessionDb } from "../d1-session";
import { feedQuerySchema, meetingGuideFeed } from "../feed";
import { buildCalendar } from "../ics";
import { findMeeting } from "../meeting-store";
import type { AppEnv } from "../../env";
import { notFound } from "../../lib/errors";
import { validate } from "../../http/validate";
import { ok, okText } from "../../apidocs/responses";

const idParam = z.object({ id: z.string().min(1).max(100) });
const groupParam = z.object({ groupId: z.string().min(1).max(100) });
/** Public data that changes a few times a week: let caches and feed readers hold it briefly. */
const PUBLIC_CACHE = "public, max-age=300";

type FeedRow = { meeting: typeof meetings.$inferSelect; groupName: string };

/** Feeds and calendar files are public data read by other sites' scripts: any origin, no credentials. */
function publicReadHeaders(c: Context<AppEnv>) {
  c.header("Cache-Control", PUBLIC_CACHE);
  c.header("Access-Control-Allow-Origin", "*");
  c.header("Access-Control-Allow-Credentials", undefined);
}

function feedOf(c: Context<AppEnv>, rows: FeedRow[], days: "split" | "array") {
  publicReadHeaders(c);
  return c.json(
    meetingGuideFeed(
      rows.map((r) => ({ ...r.meeting, groupName: r.groupName })),
      c.env.APP_ORIGIN,
      days,
    ),
  );
}

function calendarResponse(c: Context<AppEnv>, body: string, filename: string) {
  publicReadHeaders(c);
  return c.body(body, 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `inline; filename="${filename}.ics"`,
  });
}

async function findGroup(c: Context<AppEnv>, idOrSlug: string) {
  const d = sessionDb(readSession(c));
  const group = await d
    .select()
    .from(groups)
    .where(or(eq(groups.id, idOrSlug), eq(groups.slug, idOrSlug)))
    .get();
  if (!group) throw notFound("Group");
  return group;
}

const publicActive = and(eq(meetings.status, "active"), eq(meetings.visibility, "public"));

/** The Meeting Guide spec's item (github.com/code4recovery/spec): the fields readers rely on. */
const MeetingGuideFeed = z.array(
  z.looseObject({ name: z.string(), slug: z.string(), types: z.array(z.string()).optional() }),
);

/** Meeting Guide JSON feeds and iCalendar files: public listings only, never passcodes or conference links. */
export const feedRoutes = new Hono<AppEnv>()
  .get(
    "/meeting-guide.json",
    allow.public(),
    describeRoute({
      tags: ["feeds"],
      summary: "Meeting Guide feed of every public meeting (one item per day; ?days=array for day arrays)",
      responses: ok(MeetingGuideFeed),
    }),
    validate("query", feedQuerySchema),
    async (c) => {
      const session = readSession(c);
      const rows = await sessionDb(session)
        .select({ meeting: meetings, groupName: groups.name })
        .from(meetings)
        .innerJoin(groups, eq(groups.id, meetings.groupId))
        .where(publicActive)
        .orderBy(asc(meetings.slug));
      exposeBookmark(c, session);
      return feedOf(c, rows, c.req.valid("query").days);
    },
  )
  .get(
    "/groups/:groupId/meeting-guide.json",
    allow.public(),
    describeRoute({
      tags: ["feeds"],
      summary: "Meeting Guide feed of one group's public meetings",
      responses: ok(MeetingGuideFeed),
    }),
    validate("param", groupParam),
    validate("query", feedQuerySchema),
    async (c) => {
      const group = await findGroup(c, c.req.valid("param").groupId);
      const rows = await sessionDb(readSession(c))
        .select({ meeting: meetings, groupName: groups.name })
        .from(meetings)
        .innerJoin(groups, eq(groups.id, meetings.groupId))
        .where(and(publicActive, eq(meetings.groupId, group.id)))
        .orderBy(asc(meetings.slug));
      return feedOf(c, rows, c.req.valid("query").days);
    },
  );

/** A meeting as iCalendar, mounted at /meetings/:id. */
export const meetingCalendarRoutes = new Hono<AppEnv>().get(
  "/calendar.ics",
  allow.public(),
  describeRoute({
    tags: ["feeds"],
    summary: "A meeting as a weekly iCalendar series",
    responses: okText("text/calendar", "iCalendar (RFC 5545)"),
  }),
  validate("param", idParam),
  async (c) => {
    const d = sessionDb(readSession(c));
    const found = await findMeeting(d, c.req.valid("param").id);
    if (!found || found.meeting.status === "archived") throw notFound("Meeting");
    const series = await calendarSeries(d, [found.meeting], c.env.APP_ORIGIN);
    return calendarResponse(c, buildCalendar(found.meeting.name, series), found.meeting.slug);
  },
);

/** A group's public meetings as iCalendar, mounted at /groups/:groupId. */
export const groupCalendarRoutes = new Hono<AppEnv>().get(
  "/calendar.ics",
  allow.public(),
  describeRoute({
    tags: ["feeds"],
    summary: "A group's public meetings as iCalendar series",
    responses: okText("text/calendar", "iCalendar (RFC 5545)"),
  }),
  validate("param", groupParam),
  async (c) => {
    const group = await findGroup(c, c.req.valid("param").groupId);
    const d = sessionDb(readSession(c));
    // 90 keeps the exceptions lookup (one IN list) under D1's 100 bound parameters.
    const list = await d
      .select()
      .from(meetings)
      .where(and(publicActive, eq(meetings.groupId, group.id)))
      .orderBy(asc(meetings.slug))
      .limit(90);
    return calendarResponse(c, buildCalendar(group.name, await calendarSeries(d, list, c.env.APP_ORIGIN)), group.slug);
  },
);
