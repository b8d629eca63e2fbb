/**
 * When attendees may enter a meeting occurrence: live, or scheduled and from 15 minutes before its
 * start until its end. The one rule: the room's gate (worker/rooms/gate.ts) decides with it, and
 * the meeting page enables Join with it.
 */
export const EARLY_JOIN_MS = 15 * 60_000;

export type JoinWindowOccurrence = { status: string; startsAt: number; endsAt: number };

/** The instant the early-join window opens. */
export function joinOpensAt(startsAt: number): number {
  return startsAt - EARLY_JOIN_MS;
}

/** Is the room open to attendees at `now`: live, or scheduled and inside the early-join window? */
export function isJoinOpen(o: JoinWindowOccurrence, now: number): boolean {
  if (o.status === "live") return true;
  return o.status === "scheduled" && now >= joinOpensAt(o.startsAt) && now < o.endsAt;
}
