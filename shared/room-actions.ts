/**
 * Every action a room participant can send, declared once: who may send it, whom it may name,
 * what it writes to the moderation audit, and whether the HTTP moderation mirror takes it. The
 * client frame union (room-protocol.ts, whose `ACTION_PAYLOADS` gives each type here its payload),
 * the room's `authorize`, its handler table, the audit names and the mirror's enum all come from
 * this table. No imports beyond types, so the browser can ask "may I?" without loading zod.
 */
import type { RoomRole } from "./room-protocol";

const EVERYONE = ["host", "attendee"] as const satisfies readonly RoomRole[];
const HOSTS = ["host"] as const satisfies readonly RoomRole[];

/** Whom a targeted action may name; `authorize` checks each field, in this order. */
export type TargetRule = {
  /** The action only applies to someone in this state. */
  status?: "waiting" | "admitted";
  /** Never at oneself or at another host (demote them first). */
  attendeesOnly?: true;
  /** Only at a host (`not_host`), or only at someone who is not (`already_host`). */
  role?: "host" | "attendee";
  /** Never at oneself (when `attendeesOnly` does not already say so). */
  notSelf?: true;
};

export type ActionRule = {
  /** Roles that may send it; everyone must be admitted first (the waiting room sends nothing). */
  who: readonly RoomRole[];
  /** The action names another participant (`participantId`) who must still be in the room. */
  target?: TargetRule;
  /** Names it writes to the moderation audit and announces in `moderation` frames. */
  audit?: readonly string[];
  /** `POST /api/moderation/:occurrenceId` takes it (as `action` without the `host.` prefix). */
  mirrored?: true;
};

export const ROOM_ACTIONS = {
  "chat.send": { who: EVERYONE },
  /** One's own message; hosts delete anyone's (audited). */
  "chat.delete": { who: EVERYONE, audit: ["deleteMessage"] },
  reaction: { who: EVERYONE },
  "hand.raise": { who: EVERYONE },
  /** Without participantId: lower your own hand; hosts may lower anyone's. */
  "hand.lower": { who: EVERYONE },
  report: { who: EVERYONE },
  /** Allowed only after a "mute all" that let people unmute themselves. */
  "self.unmute": { who: EVERYONE },
  "host.admit": { who: HOSTS, target: { status: "waiting" }, audit: ["admit"], mirrored: true },
  "host.admitAll": { who: HOSTS, audit: ["admit"] },
  "host.deny": { who: HOSTS, target: { attendeesOnly: true, status: "waiting" }, audit: ["deny"], mirrored: true },
  "host.sendToWaiting": {
    who: HOSTS,
    target: { attendeesOnly: true, status: "admitted" },
    audit: ["sendToWaiting"],
    mirrored: true,
  },
  "host.messageWaiting": { who: HOSTS },
  "host.mute": { who: HOSTS, target: { attendeesOnly: true }, audit: ["mute"], mirrored: true },
  "host.unmute": { who: HOSTS, target: {}, audit: ["unmute"], mirrored: true },
  "host.muteAll": { who: HOSTS, audit: ["muteAll"] },
  "host.remove": { who: HOSTS, target: { attendeesOnly: true }, audit: ["remove"], mirrored: true },
  "host.ban": { who: HOSTS, target: { attendeesOnly: true }, audit: ["ban"], mirrored: true },
  "host.lock": { who: HOSTS, audit: ["lock", "unlock"] },
  "host.chatMode": { who: HOSTS, audit: ["chatMode"] },
  "host.promote": { who: HOSTS, target: { status: "admitted", role: "attendee" }, audit: ["promote"], mirrored: true },
  "host.demote": { who: HOSTS, target: { notSelf: true, role: "host" }, audit: ["demote"], mirrored: true },
  "host.rename": { who: HOSTS, target: {}, audit: ["rename"] },
  "host.suspendAll": { who: HOSTS, audit: ["suspendAll"] },
  /** Undoes the last "suspend all": lock, chat mode and mutes as they were just before it. */
  "host.resume": { who: HOSTS, audit: ["resume"] },
  /** Takes a message out of the report queue (its reports and flag) without acting on it. */
  "host.dismissReport": { who: HOSTS, audit: ["dismissReport"] },
  "host.timer": { who: HOSTS },
  "host.flagWords": { who: HOSTS },
  "host.end": { who: HOSTS, audit: ["end"] },
  /** Reserved for WebRTC audio signaling (answered with `not_supported` for now). */
  "rtc.signal": { who: EVERYONE },
  "slip.request": { who: EVERYONE },
  /** A host confirms someone's pending slip request (never their own). */
  "slip.confirm": { who: HOSTS },
  // Voice (worker/voice/): the room answers with the SFU's session descriptions; the floor rules
  // (worker/voice/floor.ts) decide who may publish a microphone.
  "voice.ice": { who: EVERYONE },
  "voice.join": { who: EVERYONE },
  "voice.unmute": { who: EVERYONE },
  "voice.mute": { who: EVERYONE },
  "voice.renegotiate": { who: EVERYONE },
  "voice.leave": { who: EVERYONE },
  /** Only whoever holds the floor hands it back (a floor rule, checked by the voice). */
  "floor.done": { who: EVERYONE },
  /** The one given the floor must be in the room (the voice also checks they are online and admitted). */
  "host.floorGive": { who: HOSTS, target: {} },
  "host.floorTake": { who: HOSTS },
  "host.floorMode": { who: HOSTS },
} as const satisfies Record<string, ActionRule>;

export type ActionType = keyof typeof ROOM_ACTIONS;
type Rules = typeof ROOM_ACTIONS;
type AuditOf<K extends ActionType> = Rules[K] extends { audit: readonly (infer A)[] } ? A : never;
type MirroredOf<K extends ActionType> = Rules[K] extends { mirrored: true }
  ? K extends `host.${infer A}`
    ? A
    : never
  : never;

/** A moderation audit name (also the `action` of a `moderation` frame). */
export type ModerationAction = { [K in ActionType]: AuditOf<K> }[ActionType];
/** An action the HTTP moderation mirror takes, without its `host.` prefix. */
export type MirroredAction = { [K in ActionType]: MirroredOf<K> }[ActionType];

const entries = Object.entries(ROOM_ACTIONS) as [ActionType, ActionRule][];

export const ACTION_TYPES = entries.map(([type]) => type) as [ActionType, ...ActionType[]];
/** Every audit name, each once, in table order. */
export const MODERATION_ACTIONS = [...new Set(entries.flatMap(([, rule]) => rule.audit ?? []))] as [
  ModerationAction,
  ...ModerationAction[],
];
export const MIRRORED_ACTIONS = entries
  .filter(([, rule]) => rule.mirrored)
  .map(([type]) => type.replace(/^host\./, "")) as [MirroredAction, ...MirroredAction[]];

export function actionRule(type: ActionType): ActionRule {
  return ROOM_ACTIONS[type];
}

/** May someone with `role` send `type` at all (before its target and the room's state are checked)? */
export function roleMay(role: RoomRole, type: ActionType): boolean {
  return actionRule(type).who.includes(role);
}

/**
 * Could `type` be aimed at someone with `targetRole`, as far as roles go (the room also checks
 * who the target is and what state they are in)? The roster offers a host only these actions.
 */
export function roleTargetable(type: ActionType, targetRole: RoomRole): boolean {
  const target = actionRule(type).target;
  if (!target) return false;
  if (target.attendeesOnly || target.role === "attendee") return targetRole !== "host";
  if (target.role === "host") return targetRole === "host";
  return true;
}
