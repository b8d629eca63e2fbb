/**
 * The one rule for the date of anything posted to a group's books — journal entries, contribution
 * batches, expense payments, reversals, and any other writer (such as card or bank postings):
 *
 * - it is a real calendar date, YYYY-MM-DD;
 * - closing a fiscal year locks every date on or before its end (not only the dates inside it);
 * - it is not before the group's first fiscal year: the earliest year opened for the group, or
 *   the one in which the group was created (open an earlier year first to post older history);
 * - it is not after the end of the fiscal year following the current one (a typo like 2062).
 *
 * `postingDateRefusal` is the plain rule; `assertPostingDate` loads its inputs and throws.
 */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { fiscalYears } from "../db/schema-treasury";
import { refuse } from "../lib/errors";
import { fiscalYearFor, fiscalYearStartingIn, todayIn } from "./fiscal-year";
import { isRealDate } from "./money";
import { loadGroup } from "./store";

/** The dates a group's books accept, all inclusive YYYY-MM-DD. */
export type PostingWindow = {
  /** First day of the group's first fiscal year. */
  firstDay: string;
  /** The latest-ending closed fiscal year: every date on or before its end is locked. */
  lockedThrough: { label: string; endsOn: string } | null;
  /** Last day of the fiscal year after the current one. */
  lastDay: string;
};

export type DateRefusal = { kind: "invalid" | "conflict"; code: string; message: string };

/** Why `date` may not be posted in `window`, or null when it may. */
export function postingDateRefusal(date: string, window: PostingWindow): DateRefusal | null {
  if (!isRealDate(date))
    return { kind: "invalid", code: "invalid_date", message: "Must be a real calendar date YYYY-MM-DD" };
  const locked = window.lockedThrough;
  if (locked && date <= locked.endsOn) {
    return {
      kind: "conflict",
      code: "period_closed",
      message: `Fiscal year ${locked.label} is closed: dates on or before ${locked.endsOn} are locked; post the correction in an open period`,
    };
  }
  if (date < window.firstDay) {
    return {
      kind: "invalid",
      code: "date_out_of_range",
      message: `Before the group's first fiscal year (it starts ${window.firstDay}); open the earlier fiscal year first`,
    };
  }
  if (date > window.lastDay)
    return {
      kind: "invalid",
      code: "date_out_of_range",
      message: `Too far ahead: the books accept dates up to ${window.lastDay}`,
    };
  return null;
}

type GroupBooks = { timezone: string; fiscalYearStartMonth: number; createdAt: number };
type YearRow = { label: string; startsOn: string; endsOn: string; closedAt: number | null };

/** The posting window of a group from its settings and its fiscal-year rows, as of `now`. */
export function postingWindow(group: GroupBooks, years: readonly YearRow[], now = Date.now()): PostingWindow {
  const month = group.fiscalYearStartMonth;
  const createdIn = fiscalYearFor(todayIn(group.timezone, group.createdAt), month).startsOn;
  const firstDay = [createdIn, ...years.map((y) => y.startsOn)].sort()[0];
  const current = fiscalYearFor(todayIn(group.timezone, now), month);
  const lastDay = fiscalYearStartingIn(Number(current.startsOn.slice(0, 4)) + 1, month).endsOn;
  const closed = years.filter((y) => y.closedAt !== null).sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
  return { firstDay, lockedThrough: closed ? { label: closed.label, endsOn: closed.endsOn } : null, lastDay };
}

/** Loads the group's posting window. */
export async function loadPostingWindow(env: Env, groupId: string, now = Date.now()): Promise<PostingWindow> {
  const [group, years] = await Promise.all([
    loadGroup(env, groupId),
    db(env)
      .select({
        label: fiscalYears.label,
        startsOn: fiscalYears.startsOn,
        endsOn: fiscalYears.endsOn,
        closedAt: fiscalYears.closedAt,
      })
      .from(fiscalYears)
      .where(eq(fiscalYears.groupId, groupId)),
  ]);
  return postingWindow(group, years, now);
}

/** Throws the refusal of `postingDateRefusal` (naming `path`) unless `date` may be posted in the group's books. */
export async function assertPostingDate(env: Env, groupId: string, date: string, path = "json.date"): Promise<void> {
  const refusal = postingDateRefusal(date, await loadPostingWindow(env, groupId));
  if (refusal) throw refuse(refusal.kind, refusal.code, refusal.message, [{ path, message: refusal.message }]);
}
