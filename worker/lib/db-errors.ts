/**
 * What a database failure was, without its text: drizzle puts the SQL and its bound parameters
 * (email hashes, ids, amounts) into its error messages, so logs get the kind only.
 */
export type DbErrorKind = "d1_unavailable" | "d1_error";

/**
 * D1's own messages for an overloaded or briefly unavailable database: the request may succeed
 * if retried (https://developers.cloudflare.com/d1/observability/debug-d1/#error-list).
 */
const UNAVAILABLE = [
  /D1 DB is overloaded/i,
  /Too many requests queued/i,
  /Network connection lost/i,
  /Cannot resolve D1 DB due to transient issue/i,
  /D1 DB reset because its code was updated/i,
  /exceeded its memory limit and was reset/i,
  /storage operation exceeded timeout/i,
  /Internal error while starting up D1 DB storage/i,
];

/** The error and its causes (drizzle wraps D1's error as `cause`), at most a few levels deep. */
function chain(err: unknown): Error[] {
  const out: Error[] = [];
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) out.push(e);
  return out;
}

const isDbError = (e: Error) =>
  e.name === "DrizzleQueryError" ||
  e.message.startsWith("Failed query:") ||
  /^D1_/.test(e.message) ||
  e.message.includes("D1 DB");

/** The kind of database failure `err` is, or null when it is not one. */
export function dbErrorKind(err: unknown): DbErrorKind | null {
  const errors = chain(err);
  if (!errors.some(isDbError)) return null;
  return errors.some((e) => UNAVAILABLE.some((re) => re.test(e.message))) ? "d1_unavailable" : "d1_error";
}
