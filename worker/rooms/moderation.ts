import { type ActionType, actionRule, roleMay, type TargetRule } from "#shared/room-actions";
import type { ChatMode, RoomRole, RoomState } from "#shared/room-protocol";
import { type Refusal, refusal } from "#shared/room-refusals";

/** A participant as the rules see them. */
export type Member = {
  id: string;
  role: RoomRole;
  status: "waiting" | "admitted" | "removed" | "denied";
  muted: boolean;
  canSelfUnmute: boolean;
};

export type { Refusal };

/**
 * What an action acts on that belongs to someone: a raised hand, a chat message, a slip request.
 * `ownerId` null: nothing found (the handler answers `not_found` or `no_request`).
 */
export type Owned = { ownerId: string | null };

/** Acting on another's thing, and on one's own, per action (absent: anyone admitted may, on anyone's). */
const OWNERSHIP: Partial<Record<ActionType, { othersHostsOnly?: string; notOwn?: string }>> = {
  "hand.lower": { othersHostsOnly: "Hosts only" },
  "chat.delete": { othersHostsOnly: "Only hosts can delete others' messages" },
  "slip.confirm": { notOwn: "Another host must confirm your own slip" },
};

/** Does `target` pass the action's target rule (shared/room-actions.ts)? */
function targetRefusal(actor: Member, rule: TargetRule, target: Member | null): Refusal | null {
  if (!target || target.status === "removed" || target.status === "denied")
    return refusal("no_participant", "No such participant");
  if (rule.attendeesOnly) {
    if (target.id === actor.id) return refusal("forbidden", "You cannot do that to yourself");
    if (target.role === "host") return refusal("target_is_host", "Demote the co-host first");
  }
  if (rule.notSelf && target.id === actor.id) return refusal("forbidden", "Ask another host to demote you");
  if (rule.status === "waiting" && target.status !== "waiting")
    return refusal("not_waiting", "That participant is not waiting");
  if (rule.status === "admitted" && target.status !== "admitted")
    return refusal("not_admitted", "That participant is not in the room");
  if (rule.role === "attendee" && target.role === "host") return refusal("already_host", "Already a host");
  if (rule.role === "host" && target.role !== "host") return refusal("not_host", "That participant is not a host");
  return null;
}

/**
 * May `actor` do `type` (to `target`, or to what `owned` belongs to)? Every permission of the room
 * is here, read from the action table. Server-side truth: the role in the room's storage, not the
 * one in a token (a demoted host's old session token must not keep host powers).
 */
export function authorize(
  actor: Member,
  type: ActionType,
  target: Member | null,
  owned: Owned = { ownerId: null },
): Refusal | null {
  if (actor.status !== "admitted") return refusal("not_admitted", "Wait to be admitted");
  if (!roleMay(actor.role, type)) return refusal("forbidden", "Hosts only");
  const rule = actionRule(type);
  if (rule.target) {
    const refused = targetRefusal(actor, rule.target, target);
    if (refused) return refused;
  }
  const ownership = OWNERSHIP[type];
  if (ownership && owned.ownerId !== null) {
    const own = owned.ownerId === actor.id;
    if (!own && ownership.othersHostsOnly && actor.role !== "host")
      return refusal("forbidden", ownership.othersHostsOnly);
    if (own && ownership.notOwn) return refusal("forbidden", ownership.notOwn);
  }
  if (type === "self.unmute") return selfUnmuteRefusal(actor);
  return null;
}

/** An action only hosts may send (the action table's `who`); after one, the room's voice applies the floor rules again. */
export function isHostAction(type: ActionType): boolean {
  return !roleMay("attendee", type);
}

/** Attendees to mute for "mute all" (hosts keep their voice). */
export function muteAllTargets(members: readonly Member[]): string[] {
  return members.filter((m) => m.role === "attendee" && m.status === "admitted").map((m) => m.id);
}

/** "Suspend all": one action that locks the room and turns chat off (the room also mutes everyone). */
export function suspendAll(state: RoomState): RoomState {
  return { ...state, locked: true, chatMode: "off", suspended: true };
}

/** What "resume" puts back: the room's lock and chat mode, and the mute of each attendee "suspend all" muted. */
export type SuspendSnapshot = {
  locked: boolean;
  chatMode: ChatMode;
  mutes: Record<string, { muted: boolean; canSelfUnmute: boolean }>;
};

/** The room just before "suspend all", taken over the same attendees it mutes. */
export function suspendSnapshot(state: RoomState, members: readonly Member[]): SuspendSnapshot {
  const targets = new Set(muteAllTargets(members));
  const mutes: SuspendSnapshot["mutes"] = {};
  for (const m of members) if (targets.has(m.id)) mutes[m.id] = { muted: m.muted, canSelfUnmute: m.canSelfUnmute };
  return { locked: state.locked, chatMode: state.chatMode, mutes };
}

/** The room state after "resume": lock and chat mode as they were; hands and the timer as they are now. */
export function resumedState(state: RoomState, snapshot: SuspendSnapshot): RoomState {
  return { ...state, locked: snapshot.locked, chatMode: snapshot.chatMode, suspended: false };
}

export function withLock(state: RoomState, locked: boolean): RoomState {
  return { ...state, locked };
}

export function withChatMode(state: RoomState, chatMode: ChatMode): RoomState {
  return { ...state, chatMode };
}

/** Raised hands form a queue in the order raised; raising twice keeps your place. */
export function raiseHand(state: RoomState, participantId: string): RoomState {
  return state.hands.includes(participantId) ? state : { ...state, hands: [...state.hands, participantId] };
}

export function lowerHand(state: RoomState, participantId: string): RoomState {
  return state.hands.includes(participantId)
    ? { ...state, hands: state.hands.filter((h) => h !== participantId) }
    : state;
}

/** Starts (seconds) or clears (null) the share timer; clients count down to the deadline. */
export function withTimer(state: RoomState, seconds: number | null, now: number): RoomState {
  return { ...state, timer: seconds === null ? null : { endsAt: now + seconds * 1000, seconds } };
}

/** May a participant unmute themselves? Only after a "mute all" that allowed it. */
export function selfUnmuteRefusal(member: Member): Refusal | null {
  if (!member.muted) return null;
  return member.canSelfUnmute ? null : refusal("forbidden", "The host muted you");
}

export const INITIAL_STATE: RoomState = { locked: false, chatMode: "everyone", timer: null, hands: [] };
