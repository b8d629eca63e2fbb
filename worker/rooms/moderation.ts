import type { ChatMode, ClientMessageType, RoomRole, RoomState } from "#shared/room-protocol";

/** A participant as the rules see them. */
export type Member = {
  id: string;
  role: RoomRole;
  status: "waiting" | "admitted" | "removed" | "denied";
  muted: boolean;
  canSelfUnmute: boolean;
};

export type Refusal = { code: string; message: string };

/** Host actions that name a target participant. */
export const TARGETED = new Set<ClientMessageType>([
  "host.admit",
  "host.deny",
  "host.sendToWaiting",
  "host.mute",
  "host.unmute",
  "host.remove",
  "host.ban",
  "host.promote",
  "host.demote",
  "host.rename",
]);
/** Actions a host may not take against another host (demote them first) or themselves. */
const AGAINST_ATTENDEES_ONLY = new Set<ClientMessageType>(["host.mute", "host.remove", "host.ban", "host.sendToWaiting", "host.deny"]);

const no = (code: string, message: string): Refusal => ({ code, message });

export function isHostAction(type: ClientMessageType): boolean {
  return type.startsWith("host.");
}

/**
 * May `actor` do `type` (to `target`)? Server-side truth: the role in the room's storage, not the
 * one in a token (a demoted host's old session token must not keep host powers).
 */
export function authorize(actor: Member, type: ClientMessageType, target: Member | null): Refusal | null {
  if (actor.status !== "admitted") return no("not_admitted", "Wait to be admitted");
  if (!isHostAction(type)) return null;
  if (actor.role !== "host") return no("forbidden", "Hosts only");
  if (!TARGETED.has(type)) return null;
  if (!target || target.status === "removed" || target.status === "denied") return no("no_participant", "No such participant");
  if (AGAINST_ATTENDEES_ONLY.has(type)) {
    if (target.id === actor.id) return no("forbidden", "You cannot do that to yourself");
    if (target.role === "host") return no("target_is_host", "Demote the co-host first");
  }
  switch (type) {
    case "host.admit":
    case "host.deny":
      return target.status === "waiting" ? null : no("not_waiting", "That participant is not waiting");
    case "host.sendToWaiting":
    case "host.promote":
      if (target.status !== "admitted") return no("not_admitted", "That participant is not in the room");
      return type === "host.promote" && target.role === "host" ? no("already_host", "Already a host") : null;
    case "host.demote":
      if (target.id === actor.id) return no("forbidden", "Ask another host to demote you");
      return target.role === "host" ? null : no("not_host", "That participant is not a host");
    default:
      return null;
  }
}

/** Attendees to mute for "mute all" (hosts keep their voice). */
export function muteAllTargets(members: readonly Member[]): string[] {
  return members.filter((m) => m.role === "attendee" && m.status === "admitted").map((m) => m.id);
}

/** "Suspend all": one action that locks the room and turns chat off (the room also mutes everyone). */
export function suspendAll(state: RoomState): RoomState {
  return { ...state, locked: true, chatMode: "off" };
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
  return state.hands.includes(participantId) ? { ...state, hands: state.hands.filter((h) => h !== participantId) } : state;
}

/** Starts (seconds) or clears (null) the share timer; clients count down to the deadline. */
export function withTimer(state: RoomState, seconds: number | null, now: number): RoomState {
  return { ...state, timer: seconds === null ? null : { endsAt: now + seconds * 1000, seconds } };
}

/** May a participant unmute themselves? Only after a "mute all" that allowed it. */
export function selfUnmuteRefusal(member: Member): Refusal | null {
  if (!member.muted) return null;
  return member.canSelfUnmute ? null : no("forbidden", "The host muted you");
}

export const INITIAL_STATE: RoomState = { locked: false, chatMode: "everyone", timer: null, hands: [] };
