import { and, eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { sessionDb } from "../directory/d1-session";
import { groups, meetings, occurrences } from "../db/schema";
import { ENDABLE, STARTABLE } from "#shared/occurrence-lifecycle";

/**
 * An occurrence with the meeting and group facts the rooms and routes need. `replica`: from the nearest D1 read replica (Sessions
 * API), for facts that never change once written; it may not have a brand-new row yet.
 */
export async function getOccurrenceWithMeeting(
  env: Env,
  occurrenceId: string,
  from: "primary" | "replica" = "primary",
) {
  return (from === "replica" ? sessionDb(env.DB.withSession("first-unconstrained")) : db(env))
    .select({ occurrence: occurrences, meeting: meetings, groupTimezone: groups.timezone, groupName: groups.name })
    .from(occurrences)
    .innerJoin(meetings, eq(meetings.id, occurrences.meetingId))
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(eq(occurrences.id, occurrenceId))
    .get();
}

/** scheduled → live (the caller checked `startRefusal`). Returns false when the occurrence is no longer in a state that can start. */
export async function markOccurrenceLive(env: Env, occurrenceId: string, now = Date.now()): Promise<boolean> {
  const rows = await db(env)
    .update(occurrences)
    .set({ status: "live", startedAt: now })
    .where(and(eq(occurrences.id, occurrenceId), inArray(occurrences.status, [...STARTABLE])))
    .returning({ id: occurrences.id });
  return rows.length > 0;
}

/** scheduled | live → ended. Returns false if it was already ended or cancelled. */
export async function markOccurrenceEnded(env: Env, occurrenceId: string, now = Date.now()): Promise<boolean> {
  const rows = await db(env)
    .update(occurrences)
    .set({ status: "ended", endedAt: now, liveAttendees: 0 })
    .where(and(eq(occurrences.id, occurrenceId), inArray(occurrences.status, [...ENDABLE])))
    .returning({ id: occurrences.id });
  return rows.length > 0;
}

/** The room reports its head count here, throttled to one write every few seconds at most; a late report cannot revive an ended occurrence's count. */
export async function recordLiveAttendees(env: Env, occurrenceId: string, count: number): Promise<void> {
  await db(env)
    .update(occurrences)
    .set({ liveAttendees: count })
    .where(and(eq(occurrences.id, occurrenceId), inArray(occurrences.status, [...ENDABLE])));
}
