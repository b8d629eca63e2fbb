/**
 * When the room may issue an attendance slip, and what it says (issue 18). Plain functions: the
 * MeetingRoom only stores a pending request until it is confirmed, then forgets it.
 */
import { DateTime } from "luxon";
import type { Refusal } from "#shared/room-refusals";
import type { SlipClaims } from "#shared/slip-token";

export { DEFAULT_SLIP_MIN_MINUTES, MAX_SLIP_MIN_MINUTES } from "#shared/slip-settings";

export type SlipRefusal = Refusal;

/** What the rules need to know about the person asking or confirming. */
export type SlipMember = {
  id: string;
  role: "host" | "attendee";
  status: "waiting" | "admitted" | "removed" | "denied";
  admittedAt: number | null;
  online: boolean;
};

/** Whole minutes present since admission (0 before admission). */
export function minutesPresent(admittedAt: number | null, now: number): number {
  return admittedAt === null ? 0 : Math.max(0, Math.floor((now - admittedAt) / 60_000));
}

/** Refuses a request from someone not in the room, or present fewer than `minMinutes`. */
export function slipRequestRefusal(requester: SlipMember, minMinutes: number, now: number): SlipRefusal | null {
  if (requester.status !== "admitted" || requester.admittedAt === null)
    return { code: "not_admitted", message: "Wait to be admitted" };
  const present = minutesPresent(requester.admittedAt, now);
  if (present < minMinutes) {
    const left = minMinutes - present;
    return { code: "too_early", message: `A slip needs ${minMinutes} minutes in the meeting; ${left} more to go` };
  }
  return null;
}

/**
 * Refuses confirming a request that does not exist, or for someone no longer connected (the slip
 * would have nowhere to go). Who may confirm (a host, never of their own request) is `authorize`'s
 * (worker/rooms/moderation.ts).
 */
export function slipConfirmRefusal(requester: SlipMember | null, hasRequest: boolean): SlipRefusal | null {
  if (!requester || !hasRequest) return { code: "no_request", message: "No slip request from that participant" };
  if (requester.status !== "admitted" || !requester.online)
    return { code: "not_connected", message: "That participant is no longer in the room" };
  return null;
}

export type SlipMeeting = { meetingName: string; groupName: string; timezone: string; startsAt: number };

/** The claims of a slip: presence from admission until now, the meeting's local date, the role that confirmed. */
export function slipClaims(
  meeting: SlipMeeting,
  request: { sid: string; nameHash: string | null },
  admittedAt: number,
  now: number,
  confirmedBy: "host" | "auto",
): SlipClaims {
  const date =
    DateTime.fromMillis(meeting.startsAt, { zone: meeting.timezone }).toISODate() ??
    new Date(meeting.startsAt).toISOString().slice(0, 10);
  return {
    v: 1,
    sid: request.sid,
    meeting: meeting.meetingName,
    group: meeting.groupName,
    date,
    from: new Date(admittedAt).toISOString(),
    to: new Date(now).toISOString(),
    confirmedBy,
    nameHash: request.nameHash,
    iat: Math.floor(now / 1000),
    tz: meeting.timezone,
  };
}
