import type { InferResponseType } from "hono/client";
import { readErrorBody } from "#shared/api-error";
import { api } from "../api";
import { ApiFailure } from "./api-failure";

const directoryCall = api.meetings.$get;
const meetingCall = api.meetings[":id"].$get;

export type DirectoryResponse = InferResponseType<typeof directoryCall, 200>;
export type DirectoryItem = DirectoryResponse["items"][number];
export type MeetingResponse = InferResponseType<typeof meetingCall, 200>;
export type MeetingPublic = MeetingResponse["meeting"];
export type UpcomingOccurrence = MeetingResponse["upcoming"][number];

export type DirectoryFilters = {
  day: string;
  timeOfDay: string;
  types: string[];
  language: string;
  q: string;
  attendance: string;
};

export { ApiFailure };

async function failure(res: Response): Promise<ApiFailure> {
  const attempts = res.headers.get("X-Passcode-Attempts-Left");
  return new ApiFailure(
    res.status,
    await readErrorBody(res),
    res.headers.get("Retry-After"),
    attempts === null ? null : Number(attempts),
  );
}

/** The directory, read in the viewer's zone. Empty filters are left out of the query. */
export async function fetchDirectory(
  filters: DirectoryFilters,
  tz: string,
  signal: AbortSignal,
  cursor?: string,
): Promise<DirectoryResponse> {
  const query = {
    tz,
    ...(cursor ? { cursor } : {}),
    ...(filters.day ? { day: filters.day } : {}),
    ...(filters.timeOfDay ? { timeOfDay: filters.timeOfDay } : {}),
    ...(filters.types.length ? { types: filters.types.join(",") } : {}),
    ...(filters.language ? { language: filters.language } : {}),
    ...(filters.attendance ? { attendance: filters.attendance } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  } as Parameters<typeof directoryCall>[0]["query"];
  const res = await directoryCall({ query }, { init: { signal } });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as DirectoryResponse;
}

/** A meeting's public page data by slug (or id). */
export async function fetchMeeting(slug: string, tz: string, signal: AbortSignal): Promise<MeetingResponse> {
  const res = await meetingCall({ param: { id: slug }, query: { tz } }, { init: { signal } });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as MeetingResponse;
}

/** Where the room's proof-of-work challenge comes from (the widget fetches it). */
export function challengeUrl(occurrenceId: string): string {
  return api.occurrences[":id"].challenge.$url({ param: { id: occurrenceId } }).pathname;
}

/** Calendar file of a meeting (weekly RRULE with its zone), as a same-origin path. */
export function calendarUrl(meetingId: string): string {
  return api.meetings[":id"]["calendar.ics"].$url({ param: { id: meetingId } }).pathname;
}

const askCall = api.meetings[":id"]["passcode-request"].$post;

/** Relays a newcomer's message (and, only if given, a reply address) to the group's secretaries. */
export async function askForPasscode(meetingId: string, message: string, replyTo: string): Promise<void> {
  const res = await askCall({
    param: { id: meetingId },
    json: { message, ...(replyTo.trim() ? { replyTo: replyTo.trim() } : {}) },
  });
  if (!res.ok) throw await failure(res);
}

/** One group's public meetings by next start (the room's end screen offers the next one). */
export async function fetchGroupMeetings(group: string, tz: string, signal: AbortSignal): Promise<DirectoryResponse> {
  const res = await directoryCall(
    { query: { tz, group } as Parameters<typeof directoryCall>[0]["query"] },
    { init: { signal } },
  );
  if (!res.ok) throw await failure(res);
  return (await res.json()) as DirectoryResponse;
}
