import type { ModerationAction, RoomState, ServerMessage } from "#shared/room-protocol";
import type { RoomIO } from "./handlers";
import { type ParticipantRow, RoomStore } from "./store";

export type ParticipantPatch = Parameters<RoomStore["updateParticipant"]>[1];

/**
 * What an action should do to the room, decided by a plain rule (host-actions.ts) from what the
 * room holds. `applyEffect` carries it out, always in the order the fields are listed here.
 */
export type Effect = {
  /** Participant rows to change. */
  patches?: { id: string; patch: ParticipantPatch }[];
  /** Room storage entries to write (`null` clears one). */
  meta?: { key: string; value: unknown }[];
  /** Someone to keep out of this occurrence by every key they have; `ban` also bans them from the meeting. */
  keepOut?: { target: ParticipantRow; ban: boolean; guard: boolean };
  /** Participants whose connections change tags (status or role changed). */
  refresh?: string[];
  /** The room state to write and announce now. */
  state?: RoomState;
  /** Frames to one participant's connections. */
  direct?: { to: string; message: ServerMessage }[];
  /** Participants who were just admitted and get a welcome. */
  welcome?: string[];
  /** Participants who get a last frame and are disconnected. */
  disconnect?: { id: string; message: ServerMessage }[];
  /** Participants whose roster entry changed. */
  roster?: string[];
  /** The waiting list changed. */
  waiting?: true;
  /** Frames to everyone admitted, or to hosts only. */
  broadcast?: { audience: "admitted" | "hosts"; message: ServerMessage }[];
  /** Moderation audit entries (D1, off the hot path). */
  audit?: { action: ModerationAction; targetId: string | null }[];
};

/** One effect after another (lists concatenate; a later state wins). */
export function combine(...effects: Effect[]): Effect {
  const out: Effect = {};
  for (const e of effects) {
    for (const key of [
      "patches",
      "meta",
      "refresh",
      "direct",
      "welcome",
      "disconnect",
      "roster",
      "broadcast",
      "audit",
    ] as const) {
      const list = e[key];
      if (list) (out[key] as unknown[]) = [...((out[key] as unknown[] | undefined) ?? []), ...list];
    }
    if (e.keepOut) out.keepOut = e.keepOut;
    if (e.state) out.state = e.state;
    if (e.waiting) out.waiting = true;
  }
  return out;
}

/** The one place an effect reaches storage, sockets and D1, in one order. */
export function applyEffect(io: RoomIO, actor: ParticipantRow, effect: Effect): void {
  for (const { id, patch } of effect.patches ?? []) io.store.updateParticipant(id, patch);
  for (const { key, value } of effect.meta ?? []) io.store.setMeta(key, value);
  if (effect.keepOut) keepOut(io, actor, effect.keepOut);
  for (const id of effect.refresh ?? []) io.refreshConnections(id);
  if (effect.state) io.setState(effect.state);
  for (const { to, message } of effect.direct ?? []) io.sendTo(to, message);
  for (const id of effect.welcome ?? []) io.welcome(id);
  for (const { id, message } of effect.disconnect ?? []) io.disconnect(id, message);
  for (const id of effect.roster ?? []) io.rosterChanged(id);
  if (effect.waiting) io.waitingChanged();
  for (const { audience, message } of effect.broadcast ?? []) io.broadcast(message, audience);
  for (const { action, targetId } of effect.audit ?? []) io.audit(actor, action, targetId);
}

/**
 * Whatever they change (headers, a new tab), one matching key keeps them out of this occurrence;
 * `guard`: from now on every new attendee waits for a host to let them in.
 */
function keepOut(io: RoomIO, actor: ParticipantRow, { target, ban, guard }: NonNullable<Effect["keepOut"]>): void {
  const keys = RoomStore.keysOf(target);
  for (const key of keys) io.store.addRemoval(key);
  if (guard) io.store.setMeta("guarded", true);
  if (ban) {
    for (const key of keys) io.store.addBan(key);
    io.persistBan(actor, target);
  }
}
