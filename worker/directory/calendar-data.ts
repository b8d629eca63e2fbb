import { and, eq, gte, inArray } from "drizzle-orm";
import type { Meeting } from "../db/schema";
import { occurrences } from "../db/schema";
import type { SessionDb } from "./d1-session";
import { firstScheduledDate, type IcsMeeting } from "./ics";
import { localDateOf, localToInstant } from "./schedule";

/** How far back cancellations and moves are carried into a calendar file. */
const HISTORY_MS = 30 * 86_400_000;

/**
 * A meeting as a calendar series: its cancelled slots become EXDATEs, and excepted slots
 * whose start differs from the plan become overrides (RECURRENCE-ID).
 */
export async function calendarSeries(
  d: SessionDb,
  list: Meeting[],
  appOrigin: string,
  now = Date.now(),
): Promise<IcsMeeting[]> {
  const ids = list.map((m) => m.id);
  const exceptions = ids.length
    ? await d
        .select()
        .from(occurrences)
        .where(
          and(
            inArray(occurrences.meetingId, ids.slice(0, 90)),
            eq(occurrences.isException, true),
            gte(occurrences.startsAt, now - HISTORY_MS),
          ),
        )
    : [];
  return list.map((m) => {
    const mine = exceptions.filter((o) => o.meetingId === m.id);
    return {
      id: m.id,
      name: m.name,
      description: m.description,
      url: `${appOrigin}/m/${m.slug}`,
      timezone: m.timezone,
      days: m.days,
      startTime: m.startTime,
      durationMinutes: m.durationMinutes,
      firstDate: firstScheduledDate(localDateOf(m.timezone, m.createdAt), m.days),
      updatedAt: m.updatedAt,
      cancelledDates: mine.filter((o) => o.status === "cancelled").map((o) => o.localDate),
      moved: mine
        .filter((o) => o.status !== "cancelled" && o.startsAt !== localToInstant(m.timezone, o.localDate, m.startTime))
        .map((o) => ({ localDate: o.localDate, startsAt: o.startsAt, endsAt: o.endsAt })),
    };
  });
}
