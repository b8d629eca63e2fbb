/**
 * The host actions as rules: plain functions of what the room holds that return what should happen
 * (effect.ts); the handlers apply it. `authorize` has already said the host may.
 */
import { displayNameProblem, NAME_PROBLEM_MESSAGES, normalizeDisplayName } from "#shared/display-name";
import type { ModerationAction, RoomState } from "#shared/room-protocol";
import { refusal } from "#shared/room-refusals";
import { combine, type Decision, type Effect, type ParticipantPatch } from "./effect";
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
  withTimer,
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
/** The new name passes the display-name rule (no other host's name); `otherHostNames` are the hosts' but the target's. */
export function rename(target: Target, name: string, otherHostNames: readonly string[]): Decision {
  const normalized = normalizeDisplayName(name);
  const problem = displayNameProblem(normalized, otherHostNames);
  if (problem) return refusal("invalid_name", NAME_PROBLEM_MESSAGES[problem]);
  return moderate("rename", target, { name: normalized });
}

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
 * suspend; refused when no suspend left a snapshot. `people` are the snapshot's participants as the
 * room holds them now: whoever was removed, sent back to wait or made a host since stays as a host left them.
 */
export function resume(
  state: RoomState,
  snapshot: SuspendSnapshot | null,
  people: readonly Pick<Member, "id" | "role" | "status">[],
): Decision {
  if (!snapshot) return refusal("not_suspended", "The meeting is not suspended");
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

/** The waiting room's greeting: kept for later joiners and shown at once to everyone waiting. */
export const messageWaiting = (waiting: readonly Target[], text: string): Effect => ({
  meta: [{ key: "greeter", value: text }],
  direct: waiting.map((w) => ({ to: w.id, message: { type: "waiting", message: text } })),
});

/** Starts (seconds) or clears (null) the share timer; the alarm ends it. */
export function timer(state: RoomState, seconds: number | null, now: number): Effect {
  const next = withTimer(state, seconds, now);
  return {
    state: next,
    broadcast: [
      {
        audience: "admitted",
        message: {
          type: "timer",
          endsAt: next.timer?.endsAt ?? null,
          seconds: next.timer?.seconds ?? null,
          ended: false,
        },
      },
    ],
    alarm: true,
  };
}

/** The words flagged for hosts in this room from now on (replacing the defaults). */
export const flagWords = (words: string[]): Effect => ({ meta: [{ key: "flagWords", value: words }] });

/** Audited, then the meeting ends for everyone. */
export const end = (): Effect => ({ audit: [{ action: "end", targetId: null }], end: "host" });
