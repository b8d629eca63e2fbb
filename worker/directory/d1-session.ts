import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";
import type { Context } from "hono";
import type { AppEnv } from "../env";

// Bookmarks are opaque, but always short hex-and-dash tokens; anything else is ignored, not sent to D1.
const BOOKMARK = /^[0-9a-f-]{1,200}$/i;

function incomingBookmark(c: Context<AppEnv>): string | undefined {
  const value = c.req.header("X-D1-Bookmark");
  return value && BOOKMARK.test(value) ? value : undefined;
}

/**
 * A D1 session for reads: any replica, unless the caller sends the bookmark of its last write,
 * in which case D1 waits for a replica at least that fresh (a secretary sees their own edit).
 */
export function readSession(c: Context<AppEnv>): D1DatabaseSession {
  return c.env.DB.withSession(incomingBookmark(c) ?? "first-unconstrained");
}

/** A D1 session for writes: starts on the primary. */
export function writeSession(c: Context<AppEnv>): D1DatabaseSession {
  return c.env.DB.withSession(incomingBookmark(c) ?? "first-primary");
}

/** Returns the session's bookmark in `X-D1-Bookmark` so the client can carry it to its next read. */
export function exposeBookmark(c: Context<AppEnv>, session: D1DatabaseSession): void {
  const bookmark = session.getBookmark();
  if (bookmark) c.header("X-D1-Bookmark", bookmark);
}

/** drizzle over a session; drizzle only calls `prepare` and `batch`, which sessions provide. */
export function sessionDb(session: D1DatabaseSession | D1Database) {
  return drizzle(session as unknown as D1Database, { schema });
}
export type SessionDb = ReturnType<typeof sessionDb>;

/** A session (or the database) with drizzle on top: drizzle builds, raw D1 batches mixed statements. */
export type Store = { raw: D1DatabaseSession | D1Database; d: SessionDb };

/** A drizzle query as a raw prepared statement, so it can share a D1 batch with hand-written SQL. */
export function toStatement(raw: D1DatabaseSession | D1Database, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return raw.prepare(sql).bind(...params);
}
