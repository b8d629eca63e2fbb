import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";

/** drizzle over a session; drizzle only calls `prepare` and `batch`, which sessions provide. */
export function sessionDb(session: D1DatabaseSession | D1Database) {
  return drizzle(session as unknown as D1Database, { schema });
}
export type SessionDb = ReturnType<typeof sessionDb>;

/** A session (or the database) with drizzle on top: drizzle builds, raw D1 batches mixed statements. */
export type Store = { raw: D1DatabaseSession | D1Database; d: SessionDb };

/** A drizzle query as a raw prepared statement, so it can share a D1 batch with hand-written SQL. */
export function toStatement(
  raw: D1DatabaseSession | D1Database,
  query: { toSQL(): { sql: string; params: unknown[] } },
): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return raw.prepare(sql).bind(...params);
}
