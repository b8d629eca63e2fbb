import { z } from "zod";
import { ROOM_SESSION_TTL_SECONDS, TICKET_TTL_SECONDS } from "../auth/jwt";
import { type ActionType, roleMay } from "#shared/room-actions";
import {
  JOIN_PROTOCOL_PREFIX,
  RESUME_PROTOCOL_PREFIX,
  ROOM_PROTOCOL,
  TICKET_PROTOCOL_PREFIX,
} from "#shared/room-socket-protocol";
import { FLOOD, POLICY_VIOLATION } from "../rooms/budgets";
import { CLOSE_CODES, ClientMessage, LIMITS, RoomAdmission, ServerMessage } from "#shared/room-protocol";
import { VOICE_LIMITS } from "#shared/voice-protocol";

type JsonSchema = Record<string, unknown>;
type Frame = z.ZodObject<{ type: z.ZodLiteral<string> }>;

const CLOSE_MEANING: Record<keyof typeof CLOSE_CODES, string> = {
  ended: "The meeting ended for everyone (an `ended` frame came first). Do not reconnect.",
  replaced:
    "A newer socket of the same participant took over (another tab or a reconnect). Do not reconnect from this one.",
  refused:
    "Removed, banned or denied, or the meeting was already over (a `removed` or `ended` frame came first). Do not reconnect.",
};

/** JSON Schema (draft-07, the base of AsyncAPI's schema format) of one zod schema. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: "draft-7",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

function frameType(frame: Frame): string {
  return String(frame.shape.type.value);
}

/** `chat.send` → `client.chat.send`: component keys per direction (both sides have `reaction`). */
const key = (side: "client" | "server", type: string) => `${side}.${type}`;

function messages(side: "client" | "server", frames: readonly Frame[]) {
  return Object.fromEntries(
    frames.map((frame) => {
      const type = frameType(frame);
      const schema = jsonSchema(frame, side === "client" ? "input" : "output");
      const message = {
        name: type,
        title: `${type} (${side === "client" ? "client → room" : "room → client"})`,
        summary:
          side === "client" && !roleMay("attendee", type as ActionType)
            ? "Hosts only: the room refuses it from anyone else with an `error` frame."
            : undefined,
        contentType: "application/json",
        payload: schema,
      };
      return [key(side, type), JSON.parse(JSON.stringify(message))];
    }),
  );
}

const ROOM_DESCRIPTION = [
  "One live room per meeting occurrence. Every frame is a UTF-8 JSON text frame of at most " +
    `${LIMITS.frameBytes} bytes, discriminated on \`type\`; a frame the room cannot parse or refuses is answered with an \`error\` frame and changes nothing.`,
  "",
  `**Ticket.** \`POST /api/occurrences/{occurrenceId}/join\` (see /api/openapi.json) answers a single-use ticket that lives ${TICKET_TTL_SECONDS} seconds ` +
    `and the \`wsUrl\` to open with it, offering the subprotocols "${ROOM_PROTOCOL}" and "${TICKET_PROTOCOL_PREFIX}<ticket>" (never a URL query); ` +
    "the ticket is checked before the upgrade (401 `bad_ticket`, 403 `foreign_ticket`, 409 when already used). " +
    `The same answer carries a room session token that lives ${ROOM_SESSION_TTL_SECONDS / 3600} hours.`,
  "",
  `**One round trip.** Instead of a ticket, offer "${JOIN_PROTOCOL_PREFIX}<base64url of the join body as JSON>" beside "${ROOM_PROTOCOL}" ` +
    "(the same fields and rules as `POST /join`). The room decides on the upgrade: `joined` (participant id, role, waiting, the room session token) " +
    `comes first, then \`welcome\` or \`waiting\`; a refusal is one \`join.refused\` frame (the status, code and message \`POST /join\` would answer) and a close with ${CLOSE_CODES.refused}.`,
  "",
  `**Roster paging.** A \`welcome\` lists at most ${LIMITS.welcomeRoster} people (hosts first, then by arrival) and \`rosterSummary\` counts everyone; ` +
    `the rest follow at once in \`roster\` frames of at most ${LIMITS.rosterPage} upserts.`,
  "",
  "**Reconnect.** After any close not listed below (a network drop, 1006; a room restart, 1001), call " +
    "`POST /api/occurrences/{occurrenceId}/rejoin` with `Authorization: Bearer <session token>` for a fresh ticket and open the socket again: " +
    "the room keeps the same participant (no duplicate roster entry) and sends a fresh `welcome`. " +
    `In one round trip instead: open the socket offering "${RESUME_PROTOCOL_PREFIX}<session token>" beside "${ROOM_PROTOCOL}" (refusals as \`join.refused\`).`,
  "",
  "**Voice.** Audio flows over WebRTC between the browser and the SFU (Cloudflare Realtime; the development SFU locally); these frames only signal. " +
    "Joining audio starts with `voice.ice`: the room answers that participant alone with `voice.ice`, the STUN/TURN servers for its RTCPeerConnection " +
    "(short-lived Cloudflare TURN credentials minted for them with the room's TURN key, which never leaves the Worker; an empty list without TURN). " +
    "`voice.join` then carries the browser's offer (listen-only); the room opens the SFU session and sends `voice.answer`. The room pulls every current speaker's " +
    "track into each listener's session and sends `voice.offer` (naming whose microphone each offered mid carries), answered with `voice.renegotiate`. `voice.unmute` (a fresh offer and its `mid`) is published " +
    "only when the floor allows it (`open`, `raise_hand` with the floor, `host_only`; hosts always); the room closes a microphone on the SFU, forced, when a host " +
    "mutes, removes, bans or ends, when the floor moves or the mode changes (`voice.stopped` says why), and closes every listener's pull of a track that stopped. " +
    "`voice.state` carries the mode, the floor and the speakers. " +
    "An answer the SFU refuses (`voice.renegotiate`) ends that participant's audio session, closed on the SFU: the `error` frame says so, and `voice.join` starts a fresh one. " +
    `**Request ids.** Every voice frame a client sends may carry a \`requestId\` of its choosing (1 to ${VOICE_LIMITS.requestIdChars} characters): the room echoes it on the frame that answers it ` +
    "(`voice.ice`, `voice.answer`) and on its refusal (`error`, also when the frame was invalid but its `requestId` readable), and every `voice.offer` names the `requestId` " +
    "of the `voice.join` that opened the session it is for (`joinId`). A client tells its current request's answer or refusal from any other, and drops frames for a connection " +
    "it replaced. Frames without ids are answered as before.",
  "",
  "**Close codes.**",
  ...Object.entries(CLOSE_CODES).map(
    ([name, code]) => `- \`${code}\` (${name}): ${CLOSE_MEANING[name as keyof typeof CLOSE_CODES]}`,
  ),
  `- \`${POLICY_VIOLATION}\` (flood): more than ${FLOOD.capacity} refused frames in a burst (each over-budget or invalid frame is answered with an \`error\` frame first). ` +
    "Slow down; reconnecting via /rejoin is allowed.",
].join("\n");

/**
 * The room's WebSocket protocol as an AsyncAPI 3.0 document, generated from the zod unions the
 * room and the web client validate with (shared/room-protocol.ts): one message per frame type.
 */
export function buildAsyncApi(origin: string) {
  const url = new URL(origin);
  const clientFrames = ClientMessage.options as unknown as readonly Frame[];
  const serverFrames = ServerMessage.options as unknown as readonly Frame[];
  const client = messages("client", clientFrames);
  const server = messages("server", serverFrames);
  const ref = (k: string) => ({ $ref: `#/channels/room/messages/${k}` });
  const operations = {
    ...Object.fromEntries(
      clientFrames.map((f) => [
        `receive.${frameType(f)}`,
        {
          action: "receive",
          channel: { $ref: "#/channels/room" },
          summary: `The room receives \`${frameType(f)}\` from a participant`,
          messages: [ref(key("client", frameType(f)))],
        },
      ]),
    ),
    ...Object.fromEntries(
      serverFrames.map((f) => [
        `send.${frameType(f)}`,
        {
          action: "send",
          channel: { $ref: "#/channels/room" },
          summary: `The room sends \`${frameType(f)}\``,
          messages: [ref(key("server", frameType(f)))],
        },
      ]),
    ),
  };
  return {
    asyncapi: "3.0.0",
    id: "urn:meetinghouse:room",
    info: {
      title: "Meetinghouse live room",
      version: "0.1.0",
      description: ROOM_DESCRIPTION,
      externalDocs: {
        description: "The HTTP API (join, rejoin, HTTP mirrors of chat and moderation)",
        url: `${url.origin}/api/openapi.json`,
      },
    },
    defaultContentType: "application/json",
    servers: {
      app: {
        host: url.host,
        protocol: url.protocol === "https:" ? "wss" : "ws",
        description: "The Worker: the upgrade is routed to the occurrence's MeetingRoom Durable Object",
        security: [{ $ref: "#/components/securitySchemes/ticket" }],
      },
    },
    channels: {
      room: {
        address: "/api/rooms/{occurrenceId}",
        title: "A meeting occurrence's room",
        description: ROOM_DESCRIPTION,
        parameters: {
          occurrenceId: { description: "The occurrence id (from the meeting's occurrences or the directory)" },
        },
        messages: { ...client, ...server },
        bindings: {
          ws: {
            method: "GET",
            headers: {
              type: "object",
              required: ["Sec-WebSocket-Protocol"],
              properties: {
                "Sec-WebSocket-Protocol": {
                  type: "string",
                  description: `Offer "${ROOM_PROTOCOL}" and "${TICKET_PROTOCOL_PREFIX}<ticket>" (the single-use ticket from /join or /rejoin, ${TICKET_TTL_SECONDS} s), or "${JOIN_PROTOCOL_PREFIX}<base64url JSON join body>" to join in one round trip; the server echoes only "${ROOM_PROTOCOL}". A ticket in the query string is refused.`,
                },
              },
            },
            bindingVersion: "0.1.0",
          },
        },
      },
    },
    operations,
    components: {
      securitySchemes: {
        ticket: {
          type: "httpApiKey",
          in: "header",
          name: "Sec-WebSocket-Protocol",
          description: `Sent as the subprotocol "${TICKET_PROTOCOL_PREFIX}<ticket>" beside "${ROOM_PROTOCOL}", never in the URL. Single-use JWT (audience \`meetinghouse:room-ticket\`), valid ${TICKET_TTL_SECONDS} seconds, bound to one occurrence and one participant.`,
        },
      },
      schemas: { RoomAdmission: jsonSchema(RoomAdmission, "output") },
    },
  };
}
