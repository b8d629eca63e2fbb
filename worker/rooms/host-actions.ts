/**
 * The host actions as rules: plain functions of what the room holds that return what should happen
 * (effect.ts); the handlers apply it. `authorize` has already said the host may.
 */
import type { ModerationAction, RoomState } from "#shared/room-protocol";
import { combine, type Effect, type ParticipantPatch } from "./effect";
import {
  lowerHand,
  type Member,
  muteAllTargets,
  resumedState,
  type SuspendSnapshot,
  suspendAll,
  suspendSnapshot,
  withChatMode,
  withLock,
} from "./moderation";
import type { ParticipantRow } from "./store";

type Target = Pick<ParticipantRow, "id">;

/** Their hand goes down when they leave the room (no state change when it was not up). */
const handDown = (state: RoomState, id: string): Pick<Effect, "state"> => {
  const next = lowerHand(state, id);
  return next === state ? {} : { state: next };
};

/** Changes one participant and tells the room (roster + a `moderation` frame). */
export function moderate(action: ModerationAction, target: Target, patch: ParticipantPatch): Effect {
  return {
    patches: [{ id: target.id, patch }],
    refresh: [target.id],
    roster: [target.id],
    broadcast: [{ audience: "admitted", message: { type: "moderation", action, participantId: target.id } }],
    audit: [{ action, targetId: target.id }],
  };
}

export const mute = (target: Target) => moderate("mute", target, { muted: true, canSelfUnmute: false });
export const unmute = (target: Target) => moderate("unmute", target, { muted: false, canSelfUnmute: false });
export const promote = (target: Target) =>
  moderate("promote", target, { role: "host", muted: false, canSelfUnmute: false });
export const demote = (target: Target) => moderate("demote", target, { role: "attendee" });
/** `name` already passed the display-name rule. */
export const rename = (target: Target, name: string) => moderate("rename", target, { name });

export function admit(target: Target, now: number): Effect {
  return {
    patches: [{ id: target.id, patch: { status: "admitted", admittedAt: now } }],
    refresh: [target.id],
    direct: [{ to: target.id, message: { type: "admitted" } }],
    welcome: [target.id],
    roster: [target.id],
    waiting: true,
    audit: [{ action: "admit", targetId: target.id }],
  };
}

export const admitAll = (waiting: readonly Target[], now: number): Effect =>
  combine(...waiting.map((w) => admit(w, now)));

/** Out of this occurrence: denied at the door, removed, or banned (from the meeting's later occurrences too). */
export function removeFromRoom(action: "remove" | "ban" | "deny", target: ParticipantRow, state: RoomState): Effect {
  return {
    patches: [{ id: target.id, patch: { status: action === "deny" ? "denied" : "removed" } }],
    keepOut: { target, ban: action === "ban", guard: action !== "deny" },
    ...handDown(state, target.id),
    disconnect: [
      {
        id: target.id,
        message: { type: "removed", reason: action === "ban" ? "banned" : action === "deny" ? "denied" : "removed" },
      },
    ],
    roster: [target.id],
    waiting: true,
    broadcast: [{ audience: "hosts", message: { type: "moderation", action, participantId: target.id } }],
    audit: [{ action, targetId: target.id }],
  };
}

/** Back to the waiting room; presence for an attendance slip counts again from their next admission. */
export function sendToWaiting(target: Target, state: RoomState, greeter: string): Effect {
  return {
    patches: [{ id: target.id, patch: { status: "waiting", admittedAt: null } }],
    refresh: [target.id],
    ...handDown(state, target.id),
    direct: [{ to: target.id, message: { type: "waiting", message: greeter } }],
    roster: [target.id],
    waiting: true,
    audit: [{ action: "sendToWaiting", targetId: target.id }],
  };
}

/** Mutes every admitted attendee (hosts keep their voice); `allowSelfUnmute` lets them unmute themselves. */
export function muteAll(
  admitted: readonly ParticipantRow[],
  allowSelfUnmute: boolean,
  action: "muteAll" | "suspendAll" = "muteAll",
): Effect {
  const ids = muteAllTargets(admitted);
  return {
    patches: ids.map((id) => ({ id, patch: { muted: true, canSelfUnmute: allowSelfUnmute } })),
    roster: ids,
    broadcast: [{ audience: "admitted", message: { type: "moderation", action, participantId: null } }],
    audit: [{ action, targetId: null }],
  };
}

/** Where "resume" finds the room as it was before "suspend all" (room storage: it survives hibernation). */
export const SUSPENDED_FROM = "suspendedFrom";

/**
 * "Suspend all": lock, chat off, everyone muted without self-unmute. The room as it was is kept for
 * "resume"; with a snapshot already `kept`, a second suspend keeps the first (the room before any of them).
 */
export function suspend(state: RoomState, admitted: readonly ParticipantRow[], kept: SuspendSnapshot | null): Effect {
  const snapshot = kept ? {} : { meta: [{ key: SUSPENDED_FROM, value: suspendSnapshot(state, admitted) }] };
  return { ...muteAll(admitted, false, "suspendAll"), ...snapshot, state: suspendAll(state) };
}

/**
 * "Resume meeting": the lock, chat mode and each snapshot attendee's mute as they were before the
 * suspend. `people` are the snapshot's participants as the room holds them now: whoever was removed,
 * sent back to wait or made a host since stays as a host left them.
 */
export function resume(
  state: RoomState,
  snapshot: SuspendSnapshot,
  people: readonly Pick<Member, "id" | "role" | "status">[],
): Effect {
  const back = people
    .filter((p) => p.status === "admitted" && p.role === "attendee" && Object.hasOwn(snapshot.mutes, p.id))
    .map((p) => p.id);
  return {
    patches: back.map((id) => ({ id, patch: snapshot.mutes[id] as SuspendSnapshot["mutes"][string] })),
    meta: [{ key: SUSPENDED_FROM, value: null }],
    state: resumedState(state, snapshot),
    roster: back,
    broadcast: [{ audience: "admitted", message: { type: "moderation", action: "resume", participantId: null } }],
    audit: [{ action: "resume", targetId: null }],
  };
}

export const lock = (state: RoomState, locked: boolean): Effect => ({
  state: withLock(state, locked),
  audit: [{ action: locked ? "lock" : "unlock", targetId: null }],
});

export const chatMode = (state: RoomState, mode: RoomState["chatMode"]): Effect => ({
  state: withChatMode(state, mode),
  audit: [{ action: "chatMode", targetId: null }],
});
