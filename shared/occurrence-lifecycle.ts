/**
 * The occurrence state machine: scheduled → live → ended, or scheduled → cancelled. Plain
 * functions of the occurrence and a clock, so the route (`POST /occurrences/:id/start|end|cancel`),
 * the room (a host's join, its closing alarm) and the purge cron decide with the same rules.
 * The D1 writes that carry a decision out are in worker/occurrences/occurrence-db.ts; the dashboard
 * runs `startRefusal` too, to offer Start only when the API would allow it.
 */

/** An occurrence's states (the `occurrences.status` column takes exactly these). */
export const OCCURRENCE_STATUSES = ["scheduled", "live", "ended", "cancelled"] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A scheduled occurrence can be started (by `POST /start` or a host's join) this long before its start. */
export const EARLY_START_MS = HOUR_MS;
/** Meetings often run over: an hour past the scheduled end the room closes itself and the occurrence ends. */
export const AUTO_END_GRACE_MS = HOUR_MS;
/**
 * The purge cron ends an occurrence still `scheduled` this long past its end: an hour after the
 * room's own alarm would have ended it, so only occurrences nobody ever opened are left by then.
 */
export const UNOPENED_END_AFTER_MS = AUTO_END_GRACE_MS + HOUR_MS;
/** Ended and cancelled occurrences older than this are archived (hidden from day-to-day views). */
export const ARCHIVE_AFTER_MS = 90 * DAY_MS;

/** Statuses each transition leaves from (the D1 writes use them in their WHERE clauses too). */
export const STARTABLE: readonly OccurrenceStatus[] = ["scheduled"];
export const ENDABLE: readonly OccurrenceStatus[] = ["scheduled", "live"];
export const CANCELLABLE: readonly OccurrenceStatus[] = ["scheduled"];

/** What the rules need to know about an occurrence. */
export type OccurrenceFacts = { status: OccurrenceStatus; startsAt: number; endsAt: number };
export type LifecycleRefusal = { code: "too_early" | "past" | "invalid_state"; message: string };

const no = (code: LifecycleRefusal["code"], message: string): LifecycleRefusal => ({ code, message });

/** The window in which a scheduled occurrence may be started: [startsAt - EARLY_START_MS, endsAt]. */
export function startWindow(o: Pick<OccurrenceFacts, "startsAt" | "endsAt">): { from: number; to: number } {
  return { from: o.startsAt - EARLY_START_MS, to: o.endsAt };
}

/** May the occurrence go live now? Null when it may; otherwise why not. Both edges of the window are inside it. */
export function startRefusal(o: OccurrenceFacts, now: number): LifecycleRefusal | null {
  if (!STARTABLE.includes(o.status)) return no("invalid_state", `Cannot start an occurrence that is ${o.status}`);
  const { from, to } = startWindow(o);
  if (now < from) return no("too_early", "The room opens an hour before the start");
  if (now > to) return no("past", "This occurrence is over");
  return null;
}

/** May the occurrence be ended (by a host, the route or the room's alarm)? */
export function endRefusal(o: Pick<OccurrenceFacts, "status">): LifecycleRefusal | null {
  return ENDABLE.includes(o.status) ? null : no("invalid_state", `Cannot end an occurrence that is ${o.status}`);
}

/** May the occurrence be cancelled? Only before it starts. */
export function cancelRefusal(o: Pick<OccurrenceFacts, "status">): LifecycleRefusal | null {
  return CANCELLABLE.includes(o.status)
    ? null
    : no("invalid_state", `Only a scheduled occurrence can be cancelled (this one is ${o.status})`);
}

/** When an opened room closes itself and ends the occurrence. */
export function autoEndAt(o: Pick<OccurrenceFacts, "endsAt">): number {
  return o.endsAt + AUTO_END_GRACE_MS;
}

/** Is an occurrence that nobody opened (still scheduled) due to be ended by the purge cron? */
export function unopenedEndDue(o: OccurrenceFacts, now: number): boolean {
  return o.status === "scheduled" && o.endsAt < unopenedEndCutoff(now);
}

/** The cron's bound: scheduled occurrences that ended before this instant were never opened. */
export function unopenedEndCutoff(now: number): number {
  return now - UNOPENED_END_AFTER_MS;
}

/** Ended and cancelled occurrences that ended before this instant are archived. */
export function archiveCutoff(now: number): number {
  return now - ARCHIVE_AFTER_MS;
}
