import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { currentMemberships } from "../../auth/authz";
import { occurrences } from "../../db/schema";
import { decodeCursor, directoryQuerySchema, encodeCursor, windowQuerySchema } from "../directory-input";
import { directoryListSql, inProgressSql, runDirectoryBatch } from "../directory-query";
import { exposeBookmark, readSession, writeSession } from "../../http/d1-bookmark";
import { sessionDb } from "../d1-session";
import { parseKeywords } from "../keywords";
import { meetingCreateSchema, meetingPatchSchema } from "../meeting-input";
import { archiveMeeting, createMeeting, findMeeting, patchMeeting } from "../meeting-store";
import { viewerRanges } from "../time-of-day";
import { describeStart, privateMeeting, publicMeeting, shownPasscode, toDirectoryItem } from "../views";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { notFound } from "../../lib/errors";
import { log } from "../../lib/log";
import { OccurrenceListJson, occurrenceView } from "../../occurrences/view";
import { validate } from "../../http/validate";
import { rateLimit } from "../../http/rate-limit";
import { ok } from "../../apidocs/responses";
import { DirectoryJson, MeetingArchivedJson, MeetingPageJson, MeetingWrittenJson } from "../view-schemas";
import { openPasscode, passcodeSealer } from "../passcode-seal";

const DAY_MS = 86_400_000;
const idParam = z.object({ id: z.string().min(1).max(100) });
const editors = ["secretary", "admin"] as const;

/** The [from, to) window of a query, defaulting to [now, now + days); refuses inverted or overlong ones. */
function windowOf(
  q: { from?: string; to?: string },
  now: number,
  defaultDays: number,
  maxDays: number,
): [number, number] {
  const from = q.from ? Date.parse(q.from) : now;
  const to = q.to ? Date.parse(q.to) : from + defaultDays * DAY_MS;
  if (to <= from)
    throw fail(400, "invalid_request", "`to` must be after `from`", {
      issues: [{ path: "query.to", message: "Must be after from" }],
    });
  if (to - from > maxDays * DAY_MS)
    throw fail(400, "invalid_request", `The window is at most ${maxDays} days`, {
      issues: [{ path: "query.to", message: `At most ${maxDays} days after from` }],
    });
  return [from, to];
}

/** A write session and the meeting named by `:id` (404 if none): the start of every edit. */
async function meetingForEdit(c: Context<AppEnv>, id: string) {
  const session = writeSession(c);
  const d = sessionDb(session);
  const found = await findMeeting(d, id);
  if (!found) throw notFound("Meeting");
  return { session, d, found };
}

/** Meetings: the public directory and meeting pages, and the secretary's create/edit/archive. */
export const meetingRoutes = new Hono<AppEnv>()
  .get(
    "/",
    allow.public(),
    describeRoute({
      tags: ["meetings"],
      summary: "Directory of public meetings by next start",
      responses: ok(DirectoryJson),
    }),
    validate("query", directoryQuerySchema),
    async (c) => {
      const q = c.req.valid("query");
      const now = Date.now();
      const session = readSession(c);
      const tagFilter = {
        types: q.types,
        language: q.language,
        keywords: q.q ? parseKeywords(q.q) : undefined,
        attendance: q.attendance,
        group: q.group,
      };
      const showInProgress = !q.cursor && !q.from;
      const [from, to] = windowOf(q, now, 7, 31);
      const ranges =
        q.inProgress === "true" ? [] : viewerRanges(q.tz, from, to, { day: q.day, timeOfDay: q.timeOfDay });
      // Both queries in one round trip to D1.
      const queries = [
        ...(showInProgress ? [inProgressSql(tagFilter, now, 50)] : []),
        ...(ranges.length
          ? [
              directoryListSql({
                ...tagFilter,
                ranges,
                after: q.cursor ? decodeCursor(q.cursor) : undefined,
                limit: q.limit + 1,
              }),
            ]
          : []),
      ];
      const dbStarted = performance.now();
      const answers = await runDirectoryBatch(session, queries);
      // Time spent in D1 (the clock advances across I/O in Workers), for the bench and dashboards.
      c.header("Server-Timing", `db;dur=${(performance.now() - dbStarted).toFixed(1)}`);
      const inProgressRows = showInProgress ? (answers.shift() ?? []) : [];
      const rows = ranges.length ? (answers.shift() ?? []) : [];
      const inProgress = inProgressRows.map((r) => toDirectoryItem(r, q.tz));
      if (q.inProgress === "true") {
        exposeBookmark(c, session);
        return c.json({ items: inProgress, inProgress, nextCursor: null, tz: q.tz });
      }
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      exposeBookmark(c, session);
      return c.json({
        items: page.map((r) => toDirectoryItem(r, q.tz)),
        inProgress,
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.starts_at, last.occurrence_id) : null,
        window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
        tz: q.tz,
      });
    },
  )
  .post(
    "/",
    allow.roles(editors, { from: "body", field: "groupId" }),
    rateLimit("WRITE_LIMITER", "user"),
    describeRoute({
      tags: ["meetings"],
      summary: "Create a meeting (secretary or admin of the group)",
      responses: ok(MeetingWrittenJson, 201),
    }),
    validate("json", meetingCreateSchema),
    async (c) => {
      const session = writeSession(c);
      const d = sessionDb(session);
      const { meeting, issuedPasscode } = await createMeeting(
        { raw: session, d },
        c.req.valid("json"),
        passcodeSealer(c.env),
      );
      const found = await findMeeting(d, meeting.id);
      log("meeting_created", { meetingId: meeting.id, groupId: meeting.groupId });
      exposeBookmark(c, session);
      return c.json(
        {
          meeting: privateMeeting(meeting, found?.group ?? { name: "", slug: "" }),
          ...(issuedPasscode ? { passcode: issuedPasscode } : {}),
        },
        201,
      );
    },
  )
  .patch(
    "/:id",
    allow.roles(editors, { from: "meeting", param: "id" }),
    rateLimit("WRITE_LIMITER", "user"),
    describeRoute({
      tags: ["meetings"],
      summary: "Edit a meeting; schedule edits re-plan future occurrences",
      responses: ok(MeetingWrittenJson),
    }),
    validate("param", idParam),
    validate("json", meetingPatchSchema),
    async (c) => {
      const { session, d, found } = await meetingForEdit(c, c.req.valid("param").id);
      const { meeting, issuedPasscode } = await patchMeeting(
        { raw: session, d },
        found.meeting,
        c.req.valid("json"),
        passcodeSealer(c.env),
      );
      log("meeting_updated", {
        meetingId: meeting.id,
        groupId: meeting.groupId,
        passcodeRotated: Boolean(issuedPasscode),
      });
      exposeBookmark(c, session);
      return c.json({
        meeting: privateMeeting(meeting, found.group),
        ...(issuedPasscode ? { passcode: issuedPasscode } : {}),
      });
    },
  )
  .delete(
    "/:id",
    allow.roles(editors, { from: "meeting", param: "id" }),
    rateLimit("WRITE_LIMITER", "user"),
    describeRoute({
      tags: ["meetings"],
      summary: "Archive a meeting (kept for the ledger, gone from the directory)",
      responses: ok(MeetingArchivedJson),
    }),
    validate("param", idParam),
    async (c) => {
      const { session, d, found } = await meetingForEdit(c, c.req.valid("param").id);
      await archiveMeeting(d, found.meeting.id);
      log("meeting_archived", { meetingId: found.meeting.id, groupId: found.meeting.groupId });
      exposeBookmark(c, session);
      return c.json({ id: found.meeting.id, status: "archived" });
    },
  )
  .get(
    "/:id",
    allow.public(),
    describeRoute({
      tags: ["meetings"],
      summary: "A meeting's page data by id or slug (conference details only for its secretaries)",
      responses: ok(MeetingPageJson),
    }),
    validate("param", idParam),
    validate("query", windowQuerySchema),
    async (c) => {
      const session = readSession(c);
      const d = sessionDb(session);
      const found = await findMeeting(d, c.req.valid("param").id);
      const principal = c.get("principal");
      let editor = false;
      if (found && principal.kind === "user") {
        const roles = await currentMemberships(c.env, principal.userId);
        editor =
          principal.isPlatformAdmin ||
          roles.some((r) => r.groupId === found.meeting.groupId && (r.role === "secretary" || r.role === "admin"));
      }
      if (!found || (found.meeting.status === "archived" && !editor)) throw notFound("Meeting");
      const { tz } = c.req.valid("query");
      const now = Date.now();
      const upcoming = await d
        .select()
        .from(occurrences)
        .where(
          and(
            eq(occurrences.meetingId, found.meeting.id),
            gte(occurrences.endsAt, now),
            inArray(occurrences.status, ["scheduled", "live", "cancelled"]),
          ),
        )
        .orderBy(asc(occurrences.startsAt))
        .limit(6);
      exposeBookmark(c, session);
      const view = editor ? privateMeeting(found.meeting, found.group) : publicMeeting(found.meeting, found.group);
      const shown = await shownPasscode(found.meeting, (sealed) => openPasscode(c.env, sealed));
      return c.json({
        meeting: { ...view, ...shown },
        upcoming: upcoming.map((o) => ({
          ...describeStart(o.id, o.startsAt, o.endsAt, found.meeting.timezone, tz),
          status: o.status,
          live: { now: o.status === "live", attendees: o.status === "live" ? o.liveAttendees : 0 },
        })),
        tz,
      });
    },
  )
  .get(
    "/:id/occurrences",
    allow.public(),
    describeRoute({
      tags: ["meetings"],
      summary: "A meeting's occurrences in a window (default: the next 14 days)",
      responses: ok(OccurrenceListJson),
    }),
    validate("param", idParam),
    validate("query", windowQuerySchema),
    async (c) => {
      const session = readSession(c);
      const d = sessionDb(session);
      const found = await findMeeting(d, c.req.valid("param").id);
      if (!found || found.meeting.status === "archived") throw notFound("Meeting");
      const [from, to] = windowOf(c.req.valid("query"), Date.now(), 14, 92);
      const rows = await d
        .select()
        .from(occurrences)
        .where(
          and(
            eq(occurrences.meetingId, found.meeting.id),
            gte(occurrences.startsAt, from),
            lt(occurrences.startsAt, to),
          ),
        )
        .orderBy(asc(occurrences.startsAt));
      exposeBookmark(c, session);
      return c.json({ items: rows.map(occurrenceView) });
    },
  );
