import { Hono } from "hono";
import type { Context } from "hono";
import { describeRoute } from "hono-openapi";
import { verifyToken } from "../../auth/jwt";
import { errors } from "../../apidocs/responses";
import type { AppEnv } from "../../env";
import { allow } from "../../http/allow";
import { ApiError, fail } from "../../http/errors";
import { clientFingerprint, enforceLimit } from "../../http/rate-limit";
import { validate } from "../../http/validate";
import { newId } from "../../lib/ids";
import { roomRpc } from "../client";
import { locationHintForTimezone } from "../location";
import { DOOR_HEADER, type RoomDoor, type RoomRefusal } from "../meeting-room";
import { CLOSE_CODES, type ServerMessage } from "#shared/room-protocol";
import {
  JOIN_PROTOCOL_PREFIX,
  joinFromProtocols,
  RESUME_PROTOCOL_PREFIX,
  ROOM_PROTOCOL,
  sessionFromProtocols,
  TICKET_PROTOCOL_PREFIX,
  ticketFromProtocols,
} from "#shared/room-socket-protocol";
import { JoinBody, joinRequestFor, occurrenceParam, refuse } from "./admission";

/**
 * Opens the socket in the room through `door`, in one call: the room spends the ticket or decides
 * the join, then upgrades. A fresh request with only what the room needs: nothing the client sent
 * (User-Agent, cookies, ticket, its own query string) reaches the room or the room's traces.
 * partyserver takes the connection id from `_pk`; a client-chosen one could shadow another
 * participant's tag, so the server picks it.
 */
async function throughDoor(
  c: Context<AppEnv>,
  id: string,
  door: RoomDoor,
  hint?: DurableObjectLocationHint,
): Promise<Response | RoomRefusal> {
  const url = new URL(`/api/rooms/${encodeURIComponent(id)}`, c.req.url);
  url.searchParams.set("_pk", newId("c_"));
  const res = await roomRpc(c.env, id, hint).fetch(
    new Request(url, { headers: { Upgrade: "websocket", [DOOR_HEADER]: JSON.stringify(door) } }),
  );
  if (res.status !== 101) return (await res.json()) as RoomRefusal;
  // A fresh Response: the one from the stub has immutable headers our middleware adds to.
  const headers = new Headers(res.headers);
  headers.set("Sec-WebSocket-Protocol", ROOM_PROTOCOL);
  return new Response(null, { status: 101, headers, webSocket: res.webSocket });
}

type Refused = Extract<ServerMessage, { type: "join.refused" }>;

/** A socket that only says why the join was refused, then closes: a browser cannot read a refused upgrade. */
function refusedSocket(refused: Refused): Response {
  const { 0: client, 1: server } = new WebSocketPair();
  server.accept();
  server.send(JSON.stringify(refused));
  server.close(CLOSE_CODES.refused, "refused");
  return new Response(null, { status: 101, webSocket: client, headers: { "Sec-WebSocket-Protocol": ROOM_PROTOCOL } });
}

/** Runs a one-round-trip door; an HTTP refusal on the way (rate limit, bad body) becomes a `join.refused` socket. */
async function overSocket(run: () => Promise<Response | RoomRefusal>): Promise<Response> {
  try {
    const opened = await run();
    if (opened instanceof Response) return opened;
    const { status, code, message } = opened;
    return refusedSocket({
      type: "join.refused",
      status,
      code,
      message,
      ...(opened.attemptsLeft !== undefined ? { attemptsLeft: opened.attemptsLeft } : {}),
      ...("retryAfterSeconds" in opened && opened.retryAfterSeconds
        ? { retryAfterSeconds: opened.retryAfterSeconds }
        : {}),
    });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const retryAfter = Number(err.headers?.["Retry-After"] ?? 0);
    return refusedSocket({
      type: "join.refused",
      status: err.status,
      code: err.code,
      message: err.message,
      ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
}

/** The one-round-trip join: the `POST /join` rules (rate limit, body, challenge, gate) on the upgrade itself. */
function joinBySocket(c: Context<AppEnv>, id: string, offered: unknown): Promise<Response> {
  return overSocket(async () => {
    await enforceLimit(c.env, "JOIN_LIMITER", `JOIN_LIMITER:f:${await clientFingerprint(c)}`);
    const body = JoinBody.safeParse(offered);
    if (!body.success) {
      const issues = body.error.issues.map((i) => ({
        path: ["join", ...i.path.map(String)].join("."),
        message: i.message,
      }));
      throw fail(400, "invalid_request", `Invalid join: ${issues.map((i) => i.path).join(", ")}`, { issues });
    }
    const { place, request } = await joinRequestFor(c, id, body.data);
    return throughDoor(c, id, { kind: "join", request }, locationHintForTimezone(place.timezone));
  });
}

/** The one-round-trip reconnect: the room session token instead of `/rejoin` + a ticket (the same rate limit). */
function resumeBySocket(c: Context<AppEnv>, id: string, presented: string): Promise<Response> {
  return overSocket(async () => {
    await enforceLimit(c.env, "JOIN_LIMITER", `JOIN_LIMITER:f:${await clientFingerprint(c)}`);
    const session = await verifyToken(c.env.JWT_SECRET, "meetinghouse:room-session", presented);
    if (!session?.sub || session.occ !== id)
      throw fail(401, "unauthenticated", "The room session is invalid, expired or for another room");
    return throughDoor(c, id, { kind: "resume", participantId: session.sub });
  });
}

/** The room's WebSocket (mounted at /rooms). */
export const roomSocketRoutes = new Hono<AppEnv>().get(
  "/:id",
  allow.public(),
  describeRoute({
    tags: ["rooms"],
    summary: `WebSocket into the room; the single-use ticket travels as the subprotocol "${TICKET_PROTOCOL_PREFIX}<ticket>" beside "${ROOM_PROTOCOL}" and is checked before the upgrade`,
    description: `The frames are described in AsyncAPI 3.0 at /api/asyncapi.json. One round trip instead: offer "${JOIN_PROTOCOL_PREFIX}<base64url JSON of the POST /api/occurrences/:id/join body>" instead of a ticket; the room answers \`joined\` then \`welcome\`/\`waiting\`, or \`join.refused\` and closes (4003). To reconnect in one round trip, offer "${RESUME_PROTOCOL_PREFIX}<room session token>" (same participant, refusals as \`join.refused\`).`,
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
    const offered = c.req.header("Sec-WebSocket-Protocol");
    const join = joinFromProtocols(offered);
    const session = sessionFromProtocols(offered);
    const upgrade = c.req.header("Upgrade")?.toLowerCase() === "websocket";
    // Every request counts once: a join or reconnect against the join limit (inside its door, so a
    // refusal reaches the browser as a frame), anything else against the read limit (readLimit skips this route).
    if (!upgrade || (join === undefined && !session))
      await enforceLimit(c.env, "RATE_LIMITER", `RATE_LIMITER:f:${await clientFingerprint(c)}`);
    if (!upgrade) throw fail(426, "upgrade_required", "Open this URL as a WebSocket");
    if (join !== undefined) return joinBySocket(c, id, join);
    if (session) return resumeBySocket(c, id, session);
    const presented = ticketFromProtocols(offered);
    if (!presented)
      throw fail(
        401,
        "bad_ticket",
        `Offer the subprotocols "${ROOM_PROTOCOL}" and "${TICKET_PROTOCOL_PREFIX}<ticket>"`,
      );
    const ticket = await verifyToken(c.env.JWT_SECRET, "meetinghouse:room-ticket", presented);
    if (!ticket?.sub || !ticket.jti || !ticket.exp) throw fail(401, "bad_ticket", "The ticket is invalid or expired");
    if (ticket.occ !== id) throw fail(403, "foreign_ticket", "The ticket is for another room");
    const door: RoomDoor = { kind: "ticket", participantId: ticket.sub, jti: ticket.jti, expiresAt: ticket.exp * 1000 };
    const opened = await throughDoor(c, id, door);
    if (opened instanceof Response) return opened;
    refuse(opened);
  },
);
