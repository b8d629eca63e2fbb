import type { InferResponseType } from "hono/client";
import { dashApi, ensureOk } from "../client";
import { getJson } from "../http";
import type { EditableMeeting } from "./form-state";

type MeetingPage = InferResponseType<(typeof dashApi.meetings)[":id"]["$get"], 200>;
/**
 * The secretary's view of a meeting: the public data plus the group and conference details
 * (the route answers one of two views, and the client type carries the public one).
 */
export type PrivateMeeting = MeetingPage["meeting"] & {
  groupId: string;
  passcodeWeak: boolean;
  conference: { url: string | null; phone: string | null; notes: string | null };
};
export type Occurrence = InferResponseType<
  (typeof dashApi.meetings)[":id"]["occurrences"]["$get"],
  200
>["items"][number];
export type MeetingBody = Parameters<typeof dashApi.meetings.$post>[0]["json"];
export type MeetingPatch = Parameters<(typeof dashApi.meetings)[":id"]["$patch"]>[0]["json"];

/** The group's meetings, public and unlisted, as its secretaries see them. */
export function listGroupMeetings(groupId: string) {
  return getJson<{ items: PrivateMeeting[] }>(`/api/groups/${encodeURIComponent(groupId)}/meetings`);
}

/** One meeting as its secretary sees it. */
export async function loadMeeting(id: string): Promise<PrivateMeeting & EditableMeeting> {
  const res = await ensureOk(await dashApi.meetings[":id"].$get({ param: { id }, query: {} }));
  return (await res.json()).meeting as PrivateMeeting & EditableMeeting;
}

/** Creates a meeting; `passcode` is present only when the API generated one. */
export async function createMeeting(body: MeetingBody) {
  const res = await ensureOk(await dashApi.meetings.$post({ json: body }));
  return (await res.json()) as { meeting: PrivateMeeting; passcode?: string };
}

/** Edits a meeting; a rotated passcode comes back once. */
export async function patchMeeting(id: string, body: MeetingPatch) {
  const res = await ensureOk(await dashApi.meetings[":id"].$patch({ param: { id }, json: body }));
  return (await res.json()) as { meeting: PrivateMeeting; passcode?: string };
}

/** The next two weeks of a meeting's occurrences. */
export async function loadOccurrences(id: string): Promise<Occurrence[]> {
  const res = await ensureOk(await dashApi.meetings[":id"].occurrences.$get({ param: { id }, query: {} }));
  return (await res.json()).items;
}

/** Host/secretary actions on one occurrence. */
export async function occurrenceAction(id: string, action: "start" | "cancel" | "end") {
  const route = dashApi.occurrences[":id"][action];
  await ensureOk(await route.$post({ param: { id } }));
}

/** Moves one occurrence to a new start instant. */
export async function moveOccurrence(id: string, startsAt: string) {
  await ensureOk(await dashApi.occurrences[":id"].move.$post({ param: { id }, json: { startsAt } }));
}
