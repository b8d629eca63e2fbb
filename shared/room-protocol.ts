/**
 * The live room's wire protocol, shared by the MeetingRoom Durable Object and the web client.
 * Every frame in both directions is one of these zod-checked shapes, discriminated on `type`.
 * Zod only: this module is bundled into the browser too.
 */
import { z } from "zod";
import { FLOOR_MODES, VOICE_LIMITS, VOICE_SERVER_FRAMES, VoiceRequestId } from "./voice-protocol";
import { NAME_MAX_GRAPHEMES } from "./display-name";
import { ACTION_TYPES, type ActionType, MODERATION_ACTIONS, type ModerationAction } from "./room-actions";
import { ROOM_REFUSAL_CODES, type RoomRefusalCode } from "./room-refusals";

/** Limits both sides enforce. */
export const LIMITS = {
  /** Characters in one chat message. */
  chatChars: 2_000,
  /** Bytes in one WebSocket frame (UTF-8). */
  frameBytes: 16 * 1024,
  /** Visible characters (grapheme clusters) in a display name. */
  nameChars: NAME_MAX_GRAPHEMES,
  /** Characters in a greeter message to the waiting room. */
  greeterChars: 500,
  /** Characters in a report reason. */
  reportReasonChars: 200,
  /** Chat messages a welcome frame carries. */
  welcomeChat: 100,
  /** People a welcome frame lists (hosts first, then by arrival); the rest follow in `roster` frames. */
  welcomeRoster: 50,
  /** Roster changes in one `roster` frame that pages a big room to a joiner. */
  rosterPage: 100,
  /** Longest share timer, seconds. */
  timerSeconds: 60 * 60,
} as const;

/** The fixed reaction set: no free-form emoji (nothing to moderate). */
export const REACTIONS = ["👏", "❤️", "🙏", "😊", "😂", "👍"] as const;
export type Reaction = (typeof REACTIONS)[number];

export const CHAT_MODES = ["everyone", "hosts", "off"] as const;
export type ChatMode = (typeof CHAT_MODES)[number];
export type RoomRole = "host" | "attendee";

const id = z.string().min(1).max(64);
/** A slip id: 128+ random bits in base64url, chosen by the attendee's browser (it salts the name hash). */
export const SLIP_ID = /^[A-Za-z0-9_-]{22,64}$/;
const target = { participantId: id };
/** A WebRTC session description (the frame limit bounds it too). */
const sdp = z.string().min(1).max(VOICE_LIMITS.sdpChars);
/** A voice action's optional request id (voice-protocol.ts `VoiceRequestId`): echoed on its answer or refusal. */
const voiceRequest = { requestId: VoiceRequestId.optional() };
const msg = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

/**
 * Each action's payload, keyed by the action table (room-actions.ts: who may send it, whom it
 * names, its audit name). TypeScript requires exactly one entry per action there.
 */
export const ACTION_PAYLOADS = {
  "chat.send": { text: z.string().trim().min(1).max(LIMITS.chatChars) },
  "chat.delete": { messageId: id },
  reaction: { emoji: z.enum(REACTIONS) },
  "hand.raise": {},
  "hand.lower": { participantId: id.optional() },
  report: { messageId: id, reason: z.string().trim().max(LIMITS.reportReasonChars).default("") },
  "self.unmute": {},
  "host.admit": target,
  "host.admitAll": {},
  "host.deny": target,
  "host.sendToWaiting": target,
  "host.messageWaiting": { text: z.string().trim().min(1).max(LIMITS.greeterChars) },
  "host.mute": target,
  "host.unmute": target,
  "host.muteAll": { allowSelfUnmute: z.boolean() },
  "host.remove": target,
  "host.ban": target,
  "host.lock": { locked: z.boolean() },
  "host.chatMode": { mode: z.enum(CHAT_MODES) },
  "host.promote": target,
  "host.demote": target,
  /** The display-name rule (display-name.ts) is applied by the room; this only bounds the size. */
  "host.rename": {
    ...target,
    name: z
      .string()
      .min(1)
      .max(LIMITS.nameChars * 16),
  },
  "host.suspendAll": {},
  /** Undoes a "suspend all" in one step: the lock, chat mode and mutes from just before it. */
  "host.resume": {},
  /** Clears a message's reports and flags without acting on it. */
  "host.dismissReport": { messageId: id },
  "host.timer": { seconds: z.number().int().min(1).max(LIMITS.timerSeconds).nullable() },
  "host.flagWords": { words: z.array(z.string().trim().min(2).max(40)).max(100) },
  "host.end": {},
  "rtc.signal": { to: id, data: z.record(z.string(), z.unknown()) },
  /**
   * An attendance slip request: the browser picks the slip id and sends only SHA-256 of
   * `slipId:name` (shared/slip-token.ts), or null without a name; the name never leaves it.
   */
  "slip.request": {
    sid: z.string().regex(SLIP_ID),
    nameHash: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/)
      .nullable(),
  },
  "slip.confirm": target,
  /** The first step of joining audio: asks for the ICE servers (`voice.ice`) to build the RTCPeerConnection with. */
  "voice.ice": voiceRequest,
  /** Join the room's audio, listen-only: the browser's offer; the room opens an SFU session and answers (`voice.answer`). */
  "voice.join": { sdp, ...voiceRequest },
  /** Publish the microphone on transceiver `mid` (a fresh offer); the room checks the floor first. */
  "voice.unmute": { sdp, mid: z.string().min(1).max(VOICE_LIMITS.midChars), ...voiceRequest },
  /** Stop publishing: the room closes the track on the SFU. */
  "voice.mute": voiceRequest,
  /** The browser's answer to a `voice.offer` (the SFU offering the speakers' tracks). */
  "voice.renegotiate": { sdp, ...voiceRequest },
  /** Leave the audio (chat stays). */
  "voice.leave": voiceRequest,
  /** The speaker hands the floor back (raise-hand mode). */
  "floor.done": {},
  /** Give someone the floor; starts the share timer when `seconds` is given. */
  "host.floorGive": { ...target, seconds: z.number().int().min(1).max(VOICE_LIMITS.floorSeconds).optional() },
  /** Take the floor back from whoever holds it. */
  "host.floorTake": {},
  /** Switch the floor mode live. */
  "host.floorMode": { mode: z.enum(FLOOR_MODES) },
} as const satisfies { [K in ActionType]: z.ZodRawShape };

type Payloads = typeof ACTION_PAYLOADS;
type ActionFrame = {
  [K in ActionType]: Payloads[K] extends z.ZodRawShape ? z.ZodObject<{ type: z.ZodLiteral<K> } & Payloads[K]> : never;
}[ActionType];

/** Messages a client may send: one per action, in table order. Host-only ones start with `host.`. */
export const ClientMessage = z.discriminatedUnion(
  "type",
  ACTION_TYPES.map((type) => msg(type, ACTION_PAYLOADS[type])) as unknown as [ActionFrame, ...ActionFrame[]],
);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage["type"];

export const Participant = z.object({
  id,
  name: z.string(),
  role: z.enum(["host", "attendee"]),
  muted: z.boolean(),
  canSelfUnmute: z.boolean(),
});
export type Participant = z.infer<typeof Participant>;

export const ChatMessage = z.object({ id, participantId: id, name: z.string(), text: z.string(), at: z.number() });
export type ChatMessage = z.infer<typeof ChatMessage>;

export const RoomState = z.object({
  locked: z.boolean(),
  chatMode: z.enum(CHAT_MODES),
  /**
   * The share timer's deadline (epoch ms) and length: clients count down to the deadline, the room's
   * alarm announces it; the length lets a client whose clock runs ahead of the room's never show more.
   */
  timer: z.object({ endsAt: z.number(), seconds: z.number().int().min(1) }).nullable(),
  /** Raised hands, oldest first. */
  hands: z.array(id),
  /** True between a "suspend all" and its "resume" (absent in rooms that never suspended). */
  suspended: z.boolean().optional(),
});
export type RoomState = z.infer<typeof RoomState>;

export const WaitingEntry = z.object({ id, name: z.string(), since: z.number() });
export type WaitingEntry = z.infer<typeof WaitingEntry>;
export const Report = z.object({ id, messageId: id, reporterId: id, reason: z.string(), at: z.number() });
export type Report = z.infer<typeof Report>;
export const Flag = z.object({ messageId: id, participantId: id, reasons: z.array(z.string()), at: z.number() });
export type Flag = z.infer<typeof Flag>;

export const RosterChange = z.discriminatedUnion("op", [
  z.object({ op: z.literal("upsert"), participant: Participant }),
  z.object({ op: z.literal("remove"), participantId: id }),
]);
export type RosterChange = z.infer<typeof RosterChange>;

export { MODERATION_ACTIONS, type ModerationAction };

/** Messages the room sends. */
export const ServerMessage = z.discriminatedUnion("type", [
  msg("welcome", {
    self: Participant,
    /** The first page of the people present (hosts first, then by arrival); `rosterSummary.total` says how many there are. */
    roster: z.array(Participant),
    /** The whole room in numbers; the people beyond the first page follow in `roster` frames (upserts). */
    rosterSummary: z.object({ total: z.number().int().min(0), hosts: z.number().int().min(0) }),
    state: RoomState,
    chat: z.array(ChatMessage),
    /** The meeting's external conference link/phone: only admitted participants ever see it. */
    conference: z
      .object({ url: z.string().nullable(), phone: z.string().nullable(), notes: z.string().nullable() })
      .nullable(),
    /** Attendance slips: minutes of presence a slip needs, and since when this participant is present. */
    slip: z.object({ minMinutes: z.number().int().min(0), presentSince: z.number().nullable() }).optional(),
    /** What this meeting keeps of the chat, and whether latecomers read what was said before they came in. */
    privacy: z.object({ chatRetention: z.enum(["end", "24h", "7d"]), latecomerChat: z.boolean() }).optional(),
  }),
  msg("waiting", { message: z.string() }),
  /** The one-round-trip join (subprotocol `join.<request>`): who the room seated, before `welcome`/`waiting`. */
  msg("joined", {
    participantId: id,
    role: z.enum(["host", "attendee"]),
    waiting: z.boolean(),
    /** JWT (audience `meetinghouse:room-session`) for `/rejoin` and the HTTP chat/moderation mirrors. */
    sessionToken: z.string(),
  }),
  /** The one-round-trip join was refused: what `POST /join` would have answered; the socket closes (4003). */
  msg("join.refused", {
    status: z.number().int().min(400).max(599),
    code: z.string(),
    message: z.string(),
    attemptsLeft: z.number().int().min(0).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
  }),
  msg("admitted", {}),
  /** Meetings whose way in is `after_admit`: the passcode, sent only to admitted participants (after their welcome). */
  msg("passcode", { passcode: z.string() }),
  msg("roster", { changes: z.array(RosterChange) }),
  /** Hosts only. */
  msg("waiting.list", { waiting: z.array(WaitingEntry) }),
  msg("chat.message", { message: ChatMessage }),
  msg("chat.deleted", { messageId: id }),
  msg("moderation", { action: z.enum(MODERATION_ACTIONS), participantId: id.nullable() }),
  msg("state", { state: RoomState }),
  msg("reaction", { participantId: id, emoji: z.enum(REACTIONS) }),
  /** `ended: true` when the room's alarm announces the end of the share timer. */
  msg("timer", { endsAt: z.number().nullable(), seconds: z.number().int().min(1).nullable(), ended: z.boolean() }),
  /** Hosts only. */
  msg("reports", { reports: z.array(Report) }),
  /** Hosts only: messages the filter flagged (it flags, never blocks). */
  msg("flags", { flags: z.array(Flag) }),
  msg("removed", { reason: z.enum(["removed", "banned", "denied"]) }),
  msg("ended", { reason: z.enum(["host", "ended", "cancelled"]) }),
  /** A refusal; `requestId`: the refused frame's own (voice frames carry one), so the client knows which request it answers. */
  msg("error", { code: z.enum(ROOM_REFUSAL_CODES), message: z.string(), requestId: VoiceRequestId.optional() }),
  msg("rtc.signal", { from: id, data: z.record(z.string(), z.unknown()) }),
  /** To the requester: their slip request waits for a host. */
  msg("slip.pending", {}),
  /** To the requester only: the signed slip. The room keeps nothing of it. */
  msg("slip.issued", { token: z.string().max(4096) }),
  /** Hosts only: pending slip requests (who, since when), oldest first. */
  msg("slip.requests", { requests: z.array(z.object({ participantId: id, name: z.string(), at: z.number() })) }),
  ...VOICE_SERVER_FRAMES,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/**
 * WebSocket close codes the room sends, and what a client does after each. Any other close
 * (1006 on a network drop, 1001 when the room restarts) is transient: get a fresh ticket from
 * `POST /api/occurrences/:id/rejoin` with the session token and reconnect as the same participant.
 */
export const CLOSE_CODES = {
  /** The meeting ended for everyone; an `ended` frame came first. Do not reconnect. */
  ended: 1000,
  /** A newer socket of the same participant (another tab, a reconnect) took over. Do not reconnect from this one. */
  replaced: 4000,
  /** Removed, banned or denied, or the meeting was over when this socket connected; a `removed` or `ended` frame came first. Do not reconnect. */
  refused: 4003,
} as const;

/** What `POST /join` and `/rejoin` answer: a single-use socket ticket and the session token that gets the next one. */
export const RoomAdmission = z.object({
  /** Single-use, short-lived JWT (audience `meetinghouse:room-ticket`) that opens one WebSocket. */
  ticket: z.string(),
  /** Where to open the WebSocket, ticket included. */
  wsUrl: z.string(),
  participantId: id,
  role: z.enum(["host", "attendee"]),
  /** True while the participant waits to be admitted. */
  waiting: z.boolean(),
  /** JWT (audience `meetinghouse:room-session`) for `/rejoin` and the HTTP chat/moderation mirrors. */
  sessionToken: z.string(),
});
export type RoomAdmission = z.infer<typeof RoomAdmission>;

export type ParseResult =
  | { ok: true; message: ClientMessage }
  | {
      ok: false;
      code: Extract<RoomRefusalCode, "frame_too_large" | "invalid_json" | "invalid_message">;
      message: string;
      /** The frame's own request id, when it is JSON with a valid one (its refusal echoes it). */
      requestId?: string;
    };

/** The request id a frame carries (voice frames may), for the room's answer or refusal to echo. */
export function requestIdOf(frame: unknown): string | undefined {
  if (typeof frame !== "object" || frame === null || !("requestId" in frame)) return undefined;
  const parsed = VoiceRequestId.safeParse(frame.requestId);
  return parsed.success ? parsed.data : undefined;
}

/** Parses and validates one client frame; never throws. */
export function parseClientMessage(raw: string | ArrayBuffer | ArrayBufferView): ParseResult {
  if (typeof raw !== "string") return { ok: false, code: "invalid_message", message: "Send text frames" };
  // Cheap upper bound first (UTF-8 is at most 3 bytes per UTF-16 unit), exact count only when close.
  if (raw.length * 3 > LIMITS.frameBytes && new TextEncoder().encode(raw).length > LIMITS.frameBytes) {
    return { ok: false, code: "frame_too_large", message: `Frames are limited to ${LIMITS.frameBytes} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, code: "invalid_json", message: "Frame is not JSON" };
  }
  const parsed = ClientMessage.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join(".") : "type";
    const requestId = requestIdOf(json);
    return {
      ok: false,
      code: "invalid_message",
      message: `Invalid ${where}: ${first?.message ?? "unknown"}`,
      ...(requestId === undefined ? {} : { requestId }),
    };
  }
  return { ok: true, message: parsed.data };
}

/** Exhaustiveness guard for `switch (msg.type)`. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
