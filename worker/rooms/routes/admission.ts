/**
 * What the room's doors share: the join body and its checks, the cached place of an occurrence,
 * the join request the room decides on, and the answers (tokens, refusals). The doors themselves:
 * `occurrences.ts` (join, rejoin, challenge, chat), `socket.ts` (the WebSocket), `moderation.ts`.
 */
import type { Context } from "hono";
import { z } from "zod";
import { currentMemberships } from "../../auth/authz";
import { hmac } from "../../auth/crypto";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { clientFingerprint, networkHash } from "../../http/rate-limit";
import { getOccurrenceWithMeeting } from "../../occurrences/occurrence-db";
import { verifyJoinChallenge } from "../challenge";
import { displayNameProblem, NAME_PROBLEM_MESSAGES, normalizeDisplayName } from "#shared/display-name";
import type { Admission, JoinRequest, RoomRefusal } from "../meeting-room";
import type { RoomAdmission } from "#shared/room-protocol";
import { refusalStatus } from "#shared/room-refusals";
import { roomSessionToken, roomTicket } from "../tokens";

/** Service roles that enter their group's rooms as hosts. */
const HOST_ROLES = new Set(["host", "admin"]);

export const occurrenceParam = z.object({ id: z.string().min(1).max(64) });
export const JoinBody = z.object({
  /** Empty or missing: "Guest" (or "Host"). Otherwise the one display-name rule applies. */
  displayName: z
    .string()
    .max(512)
    .superRefine((raw, ctx) => {
      const name = normalizeDisplayName(raw);
      const problem = name === "" ? null : displayNameProblem(name);
      if (problem) ctx.addIssue({ code: "custom", message: NAME_PROBLEM_MESSAGES[problem] });
    })
    .optional(),
  passcode: z.string().max(128).optional(),
  /** A random key the web app keeps in local storage, so a ban holds in a new tab (never a browser fingerprint). */
  deviceKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/)
    .optional(),
  /** A solved proof-of-work challenge (the ALTCHA widget's payload), when the room asked for one. */
  altcha: z.string().min(1).max(4096).optional(),
});
export type JoinBody = z.infer<typeof JoinBody>;

/**
 * Salted hashes that recognise a joiner in this meeting, stable across days so a ban holds in the
 * meeting's later occurrences: of the connecting network (IPv6 by its /64; never a header the
 * client chooses) and of the device key the web app keeps. Scoped to one meeting, they cannot
 * link people across meetings. The room keeps them only while the meeting runs; D1 only for a ban.
 */
async function meetingSubjects(c: Context<AppEnv>, meetingId: string, deviceKey: string | undefined) {
  return {
    subject: await networkHash(c, `room-subject:${meetingId}`),
    device: deviceKey ? await hmac(c.env.FINGERPRINT_SECRET, `room-device:${meetingId}:${deviceKey}`) : null,
  };
}

type RoomPlace = { meetingId: string; groupId: string; timezone: string };
/**
 * occurrence → meeting facts that never change (a move or a cancel changes neither; the room
 * re-reads what does), so a warm join makes no D1 read in the Worker.
 */
const places = new Map<string, RoomPlace>();
const PLACES_KEPT = 2_000;

export async function roomPlace(env: Env, occurrenceId: string): Promise<RoomPlace | null> {
  const known = places.get(occurrenceId);
  if (known) return known;
  // A replica first (the Worker runs near the attendee, the primary may be an ocean away); the
  // primary only for an occurrence the replica has not seen yet.
  const row =
    (await getOccurrenceWithMeeting(env, occurrenceId, "replica")) ??
    (await getOccurrenceWithMeeting(env, occurrenceId));
  if (!row) return null;
  const place = { meetingId: row.meeting.id, groupId: row.meeting.groupId, timezone: row.meeting.timezone };
  if (places.size >= PLACES_KEPT) places.delete(places.keys().next().value ?? "");
  places.set(occurrenceId, place);
  return place;
}

/**
 * Everything the room needs to decide one join, computed in the Worker: who asks (a group host
 * enters as host), the solved challenge, the meeting-scoped keys bans match. Throws a 404 for an
 * unknown occurrence and the challenge's refusal for a bad one.
 */
export async function joinRequestFor(
  c: Context<AppEnv>,
  occurrenceId: string,
  body: JoinBody,
): Promise<{ place: RoomPlace; request: JoinRequest }> {
  const place = await roomPlace(c.env, occurrenceId);
  if (!place) throw fail(404, "not_found", "Occurrence not found");
  const principal = c.get("principal");
  const userId = principal.kind === "user" ? principal.userId : null;
  const wantsHost =
    userId !== null &&
    (await currentMemberships(c.env, userId)).some((m) => m.groupId === place.groupId && HOST_ROLES.has(m.role));
  let challenge: { id: string; expiresAt: number } | null = null;
  if (body.altcha) {
    const solved = await verifyJoinChallenge(c.env.JWT_SECRET, body.altcha, occurrenceId);
    if (!solved.ok) throw fail(refusalStatus(solved.code), solved.code, solved.message);
    challenge = { id: solved.id, expiresAt: solved.expiresAt };
  }
  const request: JoinRequest = {
    displayName: normalizeDisplayName(body.displayName ?? "") || null,
    passcode: body.passcode,
    wantsHost,
    userId,
    // The room session of an earlier seat in this occurrence (a removed person's tab) is one more key.
    priorParticipantId:
      principal.kind === "participant" && principal.occurrenceId === occurrenceId ? principal.participantId : null,
    ...(await meetingSubjects(c, place.meetingId, body.deviceKey)),
    guessKey: await clientFingerprint(c),
    challenge,
  };
  return { place, request };
}

/** The headers a refusal carries beside its JSON body. */
export function refusalHeaders(r: RoomRefusal): Record<string, string> {
  const headers: Record<string, string> = {};
  if ("retryAfterSeconds" in r && r.retryAfterSeconds) headers["Retry-After"] = String(r.retryAfterSeconds);
  if ("attemptsLeft" in r && r.attemptsLeft !== undefined) headers["X-Passcode-Attempts-Left"] = String(r.attemptsLeft);
  return headers;
}

export function refuse(r: RoomRefusal): never {
  throw fail(r.status, r.code, r.message, { headers: refusalHeaders(r) });
}

/** The response that lets a participant in: a one-minute ticket for the socket and a session token. */
export async function admissionTokens(env: Env, occurrenceId: string, a: Admission): Promise<RoomAdmission> {
  return {
    ticket: await roomTicket(env.JWT_SECRET, occurrenceId, a),
    wsUrl: `/api/rooms/${encodeURIComponent(occurrenceId)}`,
    participantId: a.participantId,
    role: a.role,
    waiting: a.waiting,
    sessionToken: await roomSessionToken(env.JWT_SECRET, occurrenceId, a),
  };
}
