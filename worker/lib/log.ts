import { dbErrorKind } from "./db-errors";

/**
 * The one logger. Pass ids, counts and outcomes only: never names, emails, passcodes,
 * IP addresses, user agents or message text (DESIGN.md, privacy rules).
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export function log(event: string, fields: LogFields = {}): void {
  console.log(JSON.stringify({ event, ...fields }));
}

export function logError(event: string, err: unknown, fields: LogFields = {}): void {
  // Only the error's class and message: stacks can carry request data in some libraries. A database
  // error's message holds its SQL parameters (drizzle: "Failed query: … params: …"): its kind only.
  const e = err instanceof Error ? err : new Error(String(err));
  const kind = dbErrorKind(e);
  const detail = kind ? { kind } : { message: e.message.slice(0, 200) };
  console.error(JSON.stringify({ event, level: "error", error: e.name, ...detail, ...fields }));
}
