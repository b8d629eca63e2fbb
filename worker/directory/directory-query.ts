import { type KeywordQuery, toFtsMatch } from "./keywords";
import type { AttendanceOption } from "../db/schema";
import type { InstantRange } from "./time-of-day";

/** Filters the directory applies at the occurrence/meeting level (zone maths is done by the caller). */
export type DirectoryFilter = {
  /** UTC ranges (viewer's day / time of day inside the window), at least one. */
  ranges: InstantRange[];
  types: string[];
  language?: string;
  keywords?: KeywordQuery;
  /** "online" and "in_person" include hybrid meetings; "hybrid" is hybrid only. */
  attendance?: AttendanceOption;
  /** One group's meetings only (its slug). */
  group?: string;
  /** Keyset cursor: strictly after (startsAt, occurrenceId). */
  after?: { startsAt: number; occurrenceId: string };
  limit: number;
};

/** One row of a directory answer: a meeting and the occurrence that is its next start. */
export type DirectoryRow = {
  occurrence_id: string;
  starts_at: number;
  ends_at: number;
  status: "scheduled" | "live";
  live_attendees: number;
  meeting_id: string;
  slug: string;
  name: string;
  types: string;
  languages: string;
  timezone: string;
  duration_minutes: number;
  has_passcode: number;
  waiting_room: number;
  group_name: string;
  group_slug: string;
  attendance_option: AttendanceOption;
  approximate_place: string | null;
  location_name: string | null;
  address: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
};

type Sql = { text: string; params: (string | number)[] };

const COLUMNS = `o.id AS occurrence_id, o.starts_at, o.ends_at, o.status, o.live_attendees,
  m.id AS meeting_id, m.slug, m.name, m.types, m.languages, m.timezone, m.duration_minutes,
  m.passcode_hash IS NOT NULL AS has_passcode, m.waiting_room, g.name AS group_name, g.slug AS group_slug,
  m.attendance_option, m.approximate_place, m.location_name, m.address, m.city, m.region, m.postal_code, m.country, m.latitude, m.longitude`;

/** Attendance options each filter value matches: a hybrid meeting can be attended either way. */
const ATTENDANCE_MATCHES: Record<AttendanceOption, string> = {
  online: "('online', 'hybrid')",
  in_person: "('in_person', 'hybrid')",
  hybrid: "('hybrid')",
};

/**
 * The window as one bounding range (so the index range scan stays ordered and can stop at
 * LIMIT) plus, when the viewer filter splits it, the exact ranges as a residual check.
 */
function rangeClause(column: string, ranges: InstantRange[], params: (string | number)[]): string {
  const first = ranges[0]?.[0] ?? 0;
  const last = ranges.at(-1)?.[1] ?? 0;
  params.push(first, last);
  const bound = `${column} >= ? AND ${column} < ?`;
  if (ranges.length === 1) return `(${bound})`;
  const parts = ranges.map(([a, b]) => {
    params.push(a, b);
    return `(${column} >= ? AND ${column} < ?)`;
  });
  return `(${bound} AND (${parts.join(" OR ")}))`;
}

type TagFilter = Pick<DirectoryFilter, "types" | "language" | "keywords" | "attendance" | "group">;

/** Tag and keyword filters shared by the list and the in-progress queries (all use indexes). */
function meetingFilters(f: TagFilter, params: (string | number)[]): string[] {
  const where: string[] = [];
  if (f.group) {
    where.push("g.slug = ?");
    params.push(f.group);
  }
  if (f.attendance) where.push(`m.attendance_option IN ${ATTENDANCE_MATCHES[f.attendance]}`);
  for (const code of f.types) {
    where.push("o.meeting_id IN (SELECT meeting_id FROM meeting_tags WHERE kind = 'type' AND code = ?)");
    params.push(code);
  }
  if (f.language) {
    where.push("o.meeting_id IN (SELECT meeting_id FROM meeting_tags WHERE kind = 'language' AND code = ?)");
    params.push(f.language);
  }
  const match = f.keywords ? toFtsMatch(f.keywords) : null;
  if (match) {
    where.push("m.rowid IN (SELECT rowid FROM meetings_fts WHERE meetings_fts MATCH ?)");
    params.push(match);
  }
  return where;
}

/**
 * The directory list: public meetings ordered by their next start inside the ranges, each
 * meeting once. An occurrence is a meeting's "next start" when no earlier matching occurrence
 * of the same meeting exists in the ranges (an index probe on (meeting_id, starts_at)), which
 * keeps keyset paging exact. Walks `occurrences_window_idx` in start order and stops at LIMIT.
 */
export function directoryListSql(f: DirectoryFilter): Sql {
  const params: (string | number)[] = [];
  const where = [
    rangeClause("o.starts_at", f.ranges, params),
    "o.status IN ('scheduled', 'live')",
    "m.status = 'active'",
    "m.visibility = 'public'",
  ];
  where.push(...meetingFilters(f, params));
  if (f.after) {
    where.push("(o.starts_at > ? OR (o.starts_at = ? AND o.id > ?))");
    params.push(f.after.startsAt, f.after.startsAt, f.after.occurrenceId);
  }
  const earlier = `NOT EXISTS (SELECT 1 FROM occurrences p WHERE p.meeting_id = o.meeting_id AND p.status IN ('scheduled', 'live')
    AND ${rangeClause("p.starts_at", f.ranges, params)} AND (p.starts_at < o.starts_at OR (p.starts_at = o.starts_at AND p.id < o.id)))`;
  where.push(earlier);
  params.push(f.limit);
  // Without a keyword, walk occurrences in start order (CROSS JOIN fixes the join order in
  // SQLite) and stop at LIMIT; with one, let the planner start from the FTS matches.
  const keyword = Boolean(f.keywords?.length);
  const join = keyword ? "JOIN" : "CROSS JOIN";
  return {
    text: `SELECT ${COLUMNS} FROM occurrences o${keyword ? "" : " INDEXED BY occurrences_window_idx"}
  ${join} meetings m ON m.id = o.meeting_id ${join} groups g ON g.id = m.group_id
  WHERE ${where.join("\n  AND ")}
  ORDER BY o.starts_at, o.id LIMIT ?`,
    params,
  };
}

/** Minutes after its start that a scheduled occurrence still counts as "in progress" (TSML: 10). */
export const IN_PROGRESS_GRACE_MS = 10 * 60_000;

/**
 * Meetings in progress: live rooms, or scheduled ones that started at most 10 minutes ago
 * (late arrivals can still find them). Uses the status index and the start index (multi-index OR).
 */
export function inProgressSql(f: TagFilter, now: number, limit: number): Sql {
  const params: (string | number)[] = [now - 86_400_000, now - IN_PROGRESS_GRACE_MS, now];
  // Two index searches, unioned: live rooms (status index) and recent scheduled starts (window index).
  const where = [
    `o.id IN (SELECT id FROM occurrences INDEXED BY occurrences_status_idx WHERE status = 'live' AND ends_at > ?
      UNION ALL SELECT id FROM occurrences INDEXED BY occurrences_window_idx WHERE starts_at >= ? AND starts_at <= ? AND status = 'scheduled')`,
    "m.status = 'active'",
    "m.visibility = 'public'",
    ...meetingFilters(f, params),
  ];
  params.push(limit);
  return {
    text: `SELECT ${COLUMNS} FROM occurrences o CROSS JOIN meetings m ON m.id = o.meeting_id CROSS JOIN groups g ON g.id = m.group_id
  WHERE ${where.join("\n  AND ")}
  ORDER BY o.starts_at, o.id LIMIT ?`,
    params,
  };
}

/** Runs built queries in one D1 batch (one round trip); answers come back in order. */
export async function runDirectoryBatch(
  dbOrSession: D1Database | D1DatabaseSession,
  queries: Sql[],
): Promise<DirectoryRow[][]> {
  if (!queries.length) return [];
  const results = await dbOrSession.batch<DirectoryRow>(
    queries.map((q) => dbOrSession.prepare(q.text).bind(...q.params)),
  );
  return results.map((r) => r.results);
}
