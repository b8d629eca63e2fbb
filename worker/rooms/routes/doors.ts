import { Hono } from "hono";
import type { Context } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { currentMemberships } from "../../auth/authz";
import { hmac } from "../../auth/crypto";
import { ROOM_SESSION_TTL_SECONDS, signToken, TICKET_TTL_SECONDS, verifyToken } from "../../auth/jwt";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { newId } from "../../lib/ids";
import { validate } from "../../http/validate";
import { errors, ok } from "../../apidocs/responses";
import { clientFingerprint, connectingNetwork, enforceLimit, rateLimit } from "../../http/rate-limit";
import { getOccurrenceWithMeeting } from "../../occurrences/occurrence-db";
import { createJoinChallenge, verifyJoinChallenge } from "../challenge";
import { roomRpc } from "../client";
import { displayNameProblem, NAME_PROBLEM_MESSAGES, normalizeDisplayName } from "#shared/display-name";
import { locationHintForTimezone } from "../location";
import { type Admission, type CommandResult, PARTICIPANT_HEADER, type RoomRefusal } from "../meeting-room";
import { MIRRORED_ACTIONS } from "#shared/room-actions";
import { ClientMessage, LIMITS, RoomAdmission } from "#shared/room-protocol";
import { refusalStatus } from "#shared/room-refusals";
import { ROOM_PROTOCOL, TICKET_PROTOCOL_PREFIX, ticketFromProtocols } from "#shared/room-socket-protocol";
import { OkJson } from "../../apidocs/answers";

/** Service roles that enter their group's rooms as hosts. */
const HOST_ROLES = new Set(["host", "admin"]);

const occurrenceParam = z.object({ id: z.string().min(1).max(64) });
const JoinBody = z.object({
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
const ChatBody = z.object({ text: z.string().trim().min(1).max(LIMITS.chatChars) });
const ModerationBody = z.object({ action: z.enum(MIRRORED_ACTIONS), participantId: z.string().min(1).max(64) });

/**
 * Salted hashes that recognise a joiner in this meeting, stable across days so a ban holds in the
 * meeting's later occurrences: of the connecting network (IPv6 by its /64; never a header the
 * client chooses) and of the device key the web app keeps. Scoped to one meeting, they cannot
 * link people across meetings. The room keeps them only while the meeting runs; D1 only for a ban.
 */
async function meetingSubjects(c: Context<AppEnv>, meetingId: string, deviceKey: string | undefined) {
  return {
    subject: await hmac(c.env.FINGERPRINT_SECRET, `room-subject:${meetingId}:${connectingNetwork(c)}`),
    device: deviceKey ? await hmac(c.env.FINGERPRINT_SECRET, `room-device:${meetingId}:${deviceKey}`) : null,
  };
}

type RoomPlace = { meetingId: string; groupId: string; timezone: string };
/** occurrence → meeting facts that never change; saves a D1 read per join in a busy room. */
const places = new Map<string, RoomPlace>();
const PLACES_KEPT = 2_000;

async function roomPlace(env: Env, occurrenceId: string): Promise<RoomPlace | null> {
  const known = places.get(occurrenceId);
  if (known) return known;
  const row = await getOccurrenceWithMeeting(env, occurrenceId);
  if (!row) return null;
  const place = { meetingId: row.meeting.id, groupId: row.meeting.groupId, timezone: row.meeting.timezone };
  if (places.size >= PLACES_KEPT) places.delete(places.keys().next().value ?? "");
  places.set(occurrenceId, place);
  return place;
}

function refuse(r: RoomRefusal): never {
  const headers: Record<string, string> = {};
  if ("retryAfterSeconds" in r && r.retryAfterSeconds) headers["Retry-After"] = String(r.retryAfterSeconds);
  if ("attemptsLeft" in r && r.attemptsLeft !== undefined) headers["X-Passcode-Attempts-Left"] = String(r.attemptsLeft);
  throw fail(r.status, r.code, r.message, { headers });
}

/** The response that lets a participant in: a one-minute ticket for the socket and a session token. */
async function admissionTokens(env: Env, occurrenceId: string, a: Admission): Promise<RoomAdmission> {
  const claims = { occ: occurrenceId, role: a.role };
  const ticket = await signToken(
    env.JWT_SECRET,
    "meetinghouse:room-ticket",
    a.participantId,
    claims,
    TICKET_TTL_SECONDS,
  );
  const sessionToken = await signToken(
    env.JWT_SECRET,
    "meetinghouse:room-session",
    a.participantId,
    claims,
    ROOM_SESSION_TTL_SECONDS,
  );
  return {
    ticket,
    wsUrl: `/api/rooms/${encodeURIComponent(occurrenceId)}`,
    participantId: a.participantId,
    role: a.role,
    waiting: a.waiting,
    sessionToken,
  };
}

function commandResponse(c: Context<AppEnv>, result: CommandResult) {
  if (!result.ok) throw fail(refusalStatus(result.code), result.code, result.message);
  return c.json({ ok: true }, 200);
}

/** Join gate, WebSocket upgrade and the HTTP mirrors of the live room (see worker/rooms/). */
export const roomRoutes = new Hono<AppEnv>()
  .post(
    "/occurrences/:id/join",
    allow.public(),
    rateLimit("JOIN_LIMITER"),
    describeRoute({
      tags: ["rooms"],
      summary: "Join a meeting occurrence's room (passcode, waiting room, bans, lock, capacity)",
      responses: ok(RoomAdmission),
    }),
    validate("param", occurrenceParam),
    validate("json", JoinBody),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const place = await roomPlace(c.env, id);
      if (!place) throw fail(404, "not_found", "Occurrence not found");
      const principal = c.get("principal");
      const userId = principal.kind === "user" ? principal.userId : null;
      const wantsHost =
        userId !== null &&
        (await currentMemberships(c.env, userId)).some((m) => m.groupId === place.groupId && HOST_ROLES.has(m.role));
      let challenge: { id: string; expiresAt: number } | null = null;
      if (body.altcha) {
        const solved = await verifyJoinChallenge(c.env.JWT_SECRET, body.altcha, id);
        if (!solved.ok) throw fail(refusalStatus(solved.code), solved.code, solved.message);
        challenge = { id: solved.id, expiresAt: solved.expiresAt };
      }
      const stub = roomRpc(c.env, id, locationHintForTimezone(place.timezone));
      const result = await stub.join({
        displayName: normalizeDisplayName(body.displayName ?? "") || null,
        passcode: body.passcode,
        wantsHost,
        userId,
        // The room session of an earlier seat in this occurrence (a removed person's tab) is one more key.
        priorParticipantId:
          principal.kind === "participant" && principal.occurrenceId === id ? principal.participantId : null,
        ...(await meetingSubjects(c, place.meetingId, body.deviceKey)),
        guessKey: await clientFingerprint(c),
        challenge,
      });
      if (!result.ok) refuse(result);
      return c.json(await admissionTokens(c.env, id, result), 200);
    },
  )
  .get(
    "/occurrences/:id/challenge",
    allow.public(),
    rateLimit("JOIN_LIMITER"),
    describeRoute({
      tags: ["rooms"],
      summary: "A proof-of-work challenge (ALTCHA) for a room that asks for one before passcode joins",
      responses: ok(z.looseObject({}).describe("An ALTCHA challenge (altcha-lib), solved by the altcha widget")),
    }),
    validate("param", occurrenceParam),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await roomPlace(c.env, id))) throw fail(404, "not_found", "Occurrence not found");
      c.header("Cache-Control", "no-store");
      return c.json(await createJoinChallenge(c.env.JWT_SECRET, id), 200);
    },
  )
  .post(
    "/occurrences/:id/rejoin",
    allow.participant("id"),
    rateLimit("JOIN_LIMITER"),
    describeRoute({
      tags: ["rooms"],
      summary: "Fresh ticket for the same participant (reconnect without a duplicate roster entry)",
      responses: ok(RoomAdmission),
    }),
    validate("param", occurrenceParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const principal = c.get("principal");
      if (principal.kind !== "participant") throw fail(401, "unauthenticated", "A room session is required");
      const result = await roomRpc(c.env, id).resume(principal.participantId);
      if (!result.ok) refuse(result);
      return c.json(await admissionTokens(c.env, id, result), 200);
    },
  )
  .get(
    "/rooms/:id",
    allow.public(),
    describeRoute({
      tags: ["rooms"],
      summary: `WebSocket into the room; the single-use ticket travels as the subprotocol "${TICKET_PROTOCOL_PREFIX}<ticket>" beside "${ROOM_PROTOCOL}" and is checked before the upgrade`,
      description: "The frames are described in AsyncAPI 3.0 at /api/asyncapi.json.",
      responses: {
        101: { description: "Switching Protocols: the WebSocket is open (frames: /api/asyncapi.json)" },
        ...errors(
          { status: 401, description: "Bad or expired ticket (`bad_ticket`)" },
          { status: 409, description: "The ticket was already used" },
          { status: 426, description: "Not a WebSocket upgrade request" },
        ),
      },
    }),
    validate("param", occurrenceParam),
    async (c) => {
      const { id } = c.req.valid("param");
      if (c.req.header("Upgrade")?.toLowerCase() !== "websocket")
        throw fail(426, "upgrade_required", "Open this URL as a WebSocket");
      const presented = ticketFromProtocols(c.req.header("Sec-WebSocket-Protocol"));
      if (!presented)
        throw fail(
          401,
          "bad_ticket",
          `Offer the subprotocols "${ROOM_PROTOCOL}" and "${TICKET_PROTOCOL_PREFIX}<ticket>"`,
        );
      const ticket = await verifyToken(c.env.JWT_SECRET, "meetinghouse:room-ticket", presented);
      if (!ticket?.sub || !ticket.jti || !ticket.exp) throw fail(401, "bad_ticket", "The ticket is invalid or expired");
      if (ticket.occ !== id) throw fail(403, "foreign_ticket", "The ticket is for another room");
      const stub = roomRpc(c.env, id);
      const claimed = await stub.claimTicket(ticket.jti, ticket.sub, ticket.exp * 1000);
      if (!claimed.ok) refuse(claimed);
      // A fresh request with only what the room needs: the upgrade and the identity from the
      // verified ticket. Nothing the client sent (User-Agent, cookies, ticket, its own query
      // string) reaches the room or the room's traces. partyserver takes the connection id from
      // `_pk`; a client-chosen one could shadow another participant's tag, so the server picks it.
      const url = new URL(`/api/rooms/${encodeURIComponent(id)}`, c.req.url);
      url.searchParams.set("_pk", newId("c_"));
      const res = await stub.fetch(
        new Request(url, { headers: { Upgrade: "websocket", [PARTICIPANT_HEADER]: ticket.sub } }),
      );
      // A fresh Response: the one from the stub has immutable headers our middleware adds to.
      const headers = new Headers(res.headers);
      if (res.status === 101) headers.set("Sec-WebSocket-Protocol", ROOM_PROTOCOL);
      return new Response(res.body, { status: res.status, headers, webSocket: res.webSocket });
    },
  )
  .post(
    "/occurrences/:id/chat",
    allow.participant("id"),
    describeRoute({
      tags: ["rooms"],
      summary: "Post chat without a socket (room session token)",
      responses: ok(OkJson),
    }),
    validate("param", occurrenceParam),
    validate("json", ChatBody),
    async (c) => {
      const { id } = c.req.valid("param");
      const principal = c.get("principal");
      if (principal.kind !== "participant") throw fail(401, "unauthenticated", "A room session is required");
      await enforceLimit(c.env, "CHAT_LIMITER", `CHAT_LIMITER:p:${principal.participantId}`);
      const stub = roomRpc(c.env, id);
      return commandResponse(
        c,
        await stub.command(principal.participantId, { type: "chat.send", text: c.req.valid("json").text }),
      );
    },
  )
  .post(
    "/moderation/:occurrenceId",
    // One rule: the caller's room session token must be a host's for this occurrence (the room
    // re-checks the role in its own storage, so a demoted host's token no longer works).
    allow.participant("occurrenceId", true),
    rateLimit("WRITE_LIMITER"),
    describeRoute({
      tags: ["rooms"],
      summary: "Moderate without a socket (host room session token)",
      responses: ok(OkJson),
    }),
    validate("param", z.object({ occurrenceId: z.string().min(1).max(64) })),
    validate("json", ModerationBody),
    async (c) => {
      const { occurrenceId } = c.req.valid("param");
      const principal = c.get("principal");
      if (principal.kind !== "participant") throw fail(401, "unauthenticated", "A room session is required");
      const { action, participantId } = c.req.valid("json");
      const message = ClientMessage.parse({ type: `host.${action}`, participantId });
      const stub = roomRpc(c.env, occurrenceId);
      return commandResponse(c, await stub.command(principal.participantId, message));
    },
  );
