/**
 * Who may speak: the floor rules, as plain functions. The room applies them when someone asks to
 * unmute and again after every change (a host action, a mode switch, a timer end), closing on the
 * SFU every microphone they no longer allow — so a modified client cannot keep talking.
 */
import type { FloorMode, VoiceState } from "#shared/voice-protocol";
import { type Refusal, refusal } from "#shared/room-refusals";
import type { Member } from "../rooms/moderation";

export const INITIAL_VOICE: VoiceState = { mode: "open", floor: null, speakers: [] };

/** May `member` publish a microphone now? Null: yes. */
export function speakRefusal(
  member: Member,
  voice: Pick<VoiceState, "mode" | "floor">,
  online: boolean,
): Refusal | null {
  if (member.status !== "admitted" || !online) return refusal("not_admitted", "Wait to be admitted");
  if (member.role === "host") return null;
  if (member.muted && !member.canSelfUnmute) return refusal("muted_by_host", "A host muted you");
  if (member.muted) return refusal("muted", "Unmute yourself first");
  switch (voice.mode) {
    case "open":
      return null;
    case "raise_hand":
      return voice.floor === member.id ? null : refusal("no_floor", "Raise your hand; a host will give you the floor");
    case "host_only":
      return refusal("host_only", "Only hosts speak in this meeting");
  }
}

/** Gives the floor to one person (raise-hand mode has one speaker among attendees at a time). */
export function giveFloor(voice: VoiceState, participantId: string): VoiceState {
  return { ...voice, floor: participantId };
}

/** The floor returns (done, taken by a host, timer end, the holder left). */
export function returnFloor(voice: VoiceState): VoiceState {
  return voice.floor === null ? voice : { ...voice, floor: null };
}

export function withMode(voice: VoiceState, mode: FloorMode): VoiceState {
  return { ...voice, mode, floor: mode === "raise_hand" ? voice.floor : null };
}

export function withSpeaker(voice: VoiceState, participantId: string, speaking: boolean): VoiceState {
  const has = voice.speakers.includes(participantId);
  if (speaking === has) return voice;
  return {
    ...voice,
    speakers: speaking ? [...voice.speakers, participantId] : voice.speakers.filter((s) => s !== participantId),
  };
}
