import type { InferRequestType, InferResponseType } from "hono/client";
import { readErrorBody } from "#shared/api-error";
import type { Api } from "../api";
import { ApiFailure } from "./api-failure";

type DirectoryCall = Api["meetings"]["$get"];
type DirectoryQuery = InferRequestType<DirectoryCall>["query"];
type MeetingCall = Api["meetings"][":id"]["$get"];
type AskBody = InferRequestType<Api["meetings"][":id"]["passcode-request"]["$post"]>["json"];

export type DirectoryResponse = InferResponseType<DirectoryCall, 200>;
export type DirectoryItem = DirectoryResponse["items"][number];
export type MeetingResponse = InferResponseType<MeetingCall, 200>;
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

/** A path segment, as the router reads it back. */
const segment = encodeURIComponent;

/** A JSON answer of the API (same origin), or the refusal as an ApiFailure. */
async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`/api${path}`, init);
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

/** The query string, a list as repeated keys (as the Worker's validators read it). */
function search(query: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  return `?${params}`;
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
  } as DirectoryQuery;
  return call<DirectoryResponse>(`/meetings${search(query)}`, { signal });
}

/** A meeting's public page data by slug (or id). */
export async function fetchMeeting(slug: string, tz: string, signal: AbortSignal): Promise<MeetingResponse> {
  return call<MeetingResponse>(`/meetings/${segment(slug)}${search({ tz })}`, { signal });
}

/** Where the room's proof-of-work challenge comes from (the widget fetches it). */
export function challengeUrl(occurrenceId: string): string {
  return `/api/occurrences/${segment(occurrenceId)}/challenge`;
}

/** Calendar file of a meeting (weekly RRULE with its zone), as a same-origin path. */
export function calendarUrl(meetingId: string): string {
  return `/api/meetings/${segment(meetingId)}/calendar.ics`;
}

/** Relays a newcomer's message (and, only if given, a reply address) to the group's secretaries. */
export async function askForPasscode(meetingId: string, message: string, replyTo: string): Promise<void> {
  const body: AskBody = { message, ...(replyTo.trim() ? { replyTo: replyTo.trim() } : {}) };
  await call(`/meetings/${segment(meetingId)}/passcode-request`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** One group's public meetings by next start (the room's end screen offers the next one). */
export async function fetchGroupMeetings(group: string, tz: string, signal: AbortSignal): Promise<DirectoryResponse> {
  const query = { tz, group } satisfies DirectoryQuery;
  return call<DirectoryResponse>(`/meetings${search(query)}`, { signal });
}
