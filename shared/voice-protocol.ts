/**
 * The room protocol's voice frames from the room (zod; the Worker and the web app both run this).
 * The browser sends session descriptions to the room and talks WebRTC to the SFU; only the room
 * calls the SFU's API. The voice and floor frames a client sends are actions like any other: their
 * rules are in shared/room-actions.ts, their payloads in room-protocol.ts `ACTION_PAYLOADS`.
 */
import { z } from "zod";

import { FLOOR_MODES } from "./floor-modes";

export { FLOOR_MODES, type FloorMode } from "./floor-modes";

export const VOICE_LIMITS = {
  /** Characters in one session description (the frame limit of 16 KiB bounds it too). */
  sdpChars: 15_000,
  /** A WebRTC media id. */
  midChars: 32,
  /** The longest share a floor grant may start, seconds (the share timer's own limit). */
  floorSeconds: 60 * 60,
  /** ICE servers (STUN/TURN URLs with their short-lived credentials) handed to one participant (worker/voice/turn-client.ts keeps to these). */
  iceServers: 8,
  iceUrls: 16,
  iceChars: 512,
  /** A client-chosen request id on a voice frame (echoed on the room's answer or refusal). */
  requestIdChars: 32,
} as const;

/**
 * A voice frame's request id, chosen by the client (optional: clients without one keep working).
 * The room echoes it on the frame that answers the request (`voice.ice`, `voice.answer`, `error`),
 * and names the `voice.join` a session came from on each `voice.offer` for it (`joinId`), so a
 * client can tell an answer, refusal or offer for its current request and connection from a late
 * one for an earlier one.
 */
export const VoiceRequestId = z.string().min(1).max(VOICE_LIMITS.requestIdChars);

/** Why the room closed someone's microphone on the SFU. */
export const VOICE_STOP_REASONS = ["self", "muted_by_host", "floor_returned", "floor_mode", "left"] as const;
export type VoiceStopReason = (typeof VOICE_STOP_REASONS)[number];

const id = z.string().min(1).max(64);
const frame = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

export const VoiceState = z.object({
  mode: z.enum(FLOOR_MODES),
  /** Who holds the floor in raise-hand mode. */
  floor: id.nullable(),
  /** Participants whose microphone the room is forwarding now. */
  speakers: z.array(id),
});
export type VoiceState = z.infer<typeof VoiceState>;

/** One ICE server for the browser's RTCPeerConnection (the RTCIceServer dictionary's fields). */
export const IceServer = z.object({
  urls: z.array(z.string().min(1).max(VOICE_LIMITS.iceChars)),
  username: z.string().max(VOICE_LIMITS.iceChars).optional(),
  credential: z.string().max(VOICE_LIMITS.iceChars).optional(),
});
export type IceServer = z.infer<typeof IceServer>;

export const VOICE_SERVER_FRAMES = [
  /**
   * To the participant who asked (`voice.ice`, the first step of joining audio) and no one else: the
   * STUN/TURN servers for their RTCPeerConnection, with short-lived TURN credentials the room minted
   * for them (Cloudflare TURN; none locally). Empty when TURN is not configured.
   */
  frame("voice.ice", { iceServers: z.array(IceServer), requestId: VoiceRequestId.optional() }),
  /** The SFU's answer to the browser's last offer (join or unmute), with that frame's `requestId`. */
  frame("voice.answer", { sdp: z.string(), requestId: VoiceRequestId.optional() }),
  /**
   * The SFU offers tracks to pull (a speaker started); answer with `voice.renegotiate`. `tracks`: whose
   * microphone each offered mid carries, so the listener's roster can show who is speaking. `joinId`:
   * the `requestId` of the `voice.join` that opened the session this offer is for (absent when that
   * join carried none); an offer for an earlier connection is dropped by the client.
   */
  frame("voice.offer", {
    sdp: z.string(),
    joinId: VoiceRequestId.optional(),
    tracks: z.array(z.object({ mid: z.string().min(1).max(VOICE_LIMITS.midChars), participantId: id })),
  }),
  /** Floor mode, floor holder and current speakers, to everyone admitted. */
  frame("voice.state", { voice: VoiceState }),
  /** To the speaker: the room closed your microphone on the SFU, and why. */
  frame("voice.stopped", { reason: z.enum(VOICE_STOP_REASONS) }),
] as const;
