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
