/**
 * The room protocol's voice frames (zod; the Worker and the web app both run this). The browser
 * sends session descriptions to the room and talks WebRTC to the SFU; only the room calls the SFU's
 * API. Host actions start with `host.` like the room's other host actions (the room enforces the role).
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
} as const;

/** Why the room closed someone's microphone on the SFU. */
export const VOICE_STOP_REASONS = ["self", "muted_by_host", "floor_returned", "floor_mode", "left"] as const;
export type VoiceStopReason = (typeof VOICE_STOP_REASONS)[number];

const id = z.string().min(1).max(64);
const sdp = z.string().min(1).max(VOICE_LIMITS.sdpChars);
const frame = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...shape });

export const VOICE_CLIENT_FRAMES = [
  /** Join the room's audio, listen-only: the browser's offer; the room opens an SFU session and answers (`voice.answer`). */
  frame("voice.join", { sdp }),
  /** Publish the microphone on transceiver `mid` (a fresh offer); the room checks the floor first. */
  frame("voice.unmute", { sdp, mid: z.string().min(1).max(VOICE_LIMITS.midChars) }),
  /** Stop publishing: the room closes the track on the SFU. */
  frame("voice.mute", {}),
  /** The browser's answer to a `voice.offer` (the SFU offering the speakers' tracks). */
  frame("voice.renegotiate", { sdp }),
  /** Leave the audio (chat stays). */
  frame("voice.leave", {}),
  /** The speaker hands the floor back (raise-hand mode). */
  frame("floor.done", {}),
  /** Hosts: give someone the floor; starts the share timer when `seconds` is given. */
  frame("host.floorGive", { participantId: id, seconds: z.number().int().min(1).max(VOICE_LIMITS.floorSeconds).optional() }),
  /** Hosts: take the floor back from whoever holds it. */
  frame("host.floorTake", {}),
  /** Hosts: switch the floor mode live. */
  frame("host.floorMode", { mode: z.enum(FLOOR_MODES) }),
] as const;

export const VoiceState = z.object({
  mode: z.enum(FLOOR_MODES),
  /** Who holds the floor in raise-hand mode. */
  floor: id.nullable(),
  /** Participants whose microphone the room is forwarding now. */
  speakers: z.array(id),
});
export type VoiceState = z.infer<typeof VoiceState>;

export const VOICE_SERVER_FRAMES = [
  /** The SFU's answer to the browser's last offer (join or unmute). */
  frame("voice.answer", { sdp: z.string() }),
  /** The SFU offers tracks to pull (a speaker started); answer with `voice.renegotiate`. */
  frame("voice.offer", { sdp: z.string() }),
  /** Floor mode, floor holder and current speakers, to everyone admitted. */
  frame("voice.state", { voice: VoiceState }),
  /** To the speaker: the room closed your microphone on the SFU, and why. */
  frame("voice.stopped", { reason: z.enum(VOICE_STOP_REASONS) }),
] as const;
