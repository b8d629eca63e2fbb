/**
 * What any admitted participant does with their own presence, as rules returning an effect
 * (effect.ts): reactions, raised hands, unmuting themselves, and leaving.
 */
import type { Reaction, RoomState } from "#shared/room-protocol";
import type { Effect } from "./effect";
import { lowerHand, raiseHand } from "./moderation";
import type { ParticipantRow } from "./store";

export const react = (actor: Pick<ParticipantRow, "id">, emoji: Reaction): Effect => ({
  broadcast: [{ audience: "admitted", message: { type: "reaction", participantId: actor.id, emoji } }],
});

/** Hands flip back and forth: unchanged is nothing, a change is staged (coalesced before storage and broadcast). */
const staged = (state: RoomState, next: RoomState): Effect => (next === state ? {} : { stage: next });

export const handRaise = (state: RoomState, participantId: string): Effect =>
  staged(state, raiseHand(state, participantId));

export const handLower = (state: RoomState, participantId: string): Effect =>
  staged(state, lowerHand(state, participantId));

/** `authorize` has checked that a host's "mute all" allowed it. */
export const selfUnmute = (actor: Pick<ParticipantRow, "id">): Effect => ({
  patches: [{ id: actor.id, patch: { muted: false } }],
  roster: [actor.id],
});

/**
 * Their last socket closed: an admitted participant leaves the roster and the hand queue, a waiting
 * one the waiting list; a pending slip request leaves the hosts' list (it shows only people present).
 */
export function leave(participant: ParticipantRow, state: RoomState, hasSlipRequest: boolean): Effect {
  const lowered = lowerHand(state, participant.id);
  return {
    patches: [{ id: participant.id, patch: { online: false } }],
    ...(participant.status === "admitted"
      ? { ...(lowered === state ? {} : { state: lowered }), roster: [participant.id] }
      : { waiting: true as const }),
    ...(hasSlipRequest ? { hostQueues: ["slipRequests" as const] } : {}),
  };
}
