import type { ChatMessage, Flag, ModerationAction, Report, RoomState, ServerMessage } from "#shared/room-protocol";
import type { Refusal } from "#shared/room-refusals";
import type { SlipClaims } from "#shared/slip-token";
import type { RoomIO } from "./handlers";
import { type ParticipantRow, RoomStore, type SlipRequest } from "./store";

export type ParticipantPatch = Parameters<RoomStore["updateParticipant"]>[1];

/** The room's own records: chat, its flags and reports, and pending attendance slip requests. */
export type RoomRecord =
  | { kind: "message"; message: ChatMessage }
  | { kind: "flag"; flag: Flag }
  | { kind: "deleteMessage"; messageId: string }
  | { kind: "report"; report: Report }
  | { kind: "dismissFromQueue"; messageId: string }
  | { kind: "slipRequest"; request: SlipRequest }
  | { kind: "takeSlipRequest"; participantId: string };

/** Host-only lists re-sent whole to every host after their records changed (the waiting list is `waiting`). */
export type HostQueue = "reports" | "flags" | "slipRequests";

/**
 * What an action should do to the room, decided by a plain rule (host-actions.ts, chat-actions.ts,
 * member-actions.ts, slip-actions.ts) from what the room holds. `applyEffect` carries it out,
 * always in the order the fields are listed here:
 * what frames are built from is written first (participants, room settings, state), then the frames,
 * then the room's records (a frame sent after a storage write waits for its commit, the output
 * gate: chat reaches people without waiting on the disk), then the host lists read from those
 * records, the alarm and the audit; the steps that wait (signing a slip, ending the room) come last.
 *
 * The voice actions (`voice.*`, `floor.done`, `host.floor*`) are not effects: they call the SFU
 * and are applied by the room's voice (worker/voice/voice-room.ts).
 */
export type Effect = {
  /** Participant rows to change. */
  patches?: { id: string; patch: ParticipantPatch }[];
  /** Room storage entries to write (`null` clears one): the greeter, flag words, the suspend snapshot. */
  meta?: { key: string; value: unknown }[];
  /** Someone to keep out of this occurrence by every key they have; `ban` also bans them from the meeting. */
  keepOut?: { target: ParticipantRow; ban: boolean; guard: boolean };
  /** Participants whose connections change tags (status or role changed). */
  refresh?: string[];
  /** The room state to write and announce now. */
  state?: RoomState;
  /** A state flip that may flip back (raised hands): written and announced once per flush, if it changed. */
  stage?: RoomState;
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
  /** The room's records to write or delete, in this order. */
  records?: RoomRecord[];
  /** Host lists to re-send (read from the records just written). */
  hostQueues?: HostQueue[];
  /** The alarm has new work (a timer, the first chat message's purge). */
  alarm?: true;
  /** Moderation audit entries (D1, off the hot path). */
  audit?: { action: ModerationAction; targetId: string | null }[];
  /** An attendance slip to sign and send to its requester only (nothing of it is stored). */
  slip?: { to: string; claims: SlipClaims };
  /** End the meeting for everyone. */
  end?: "host";
};

/** What a rule answers: what should happen, or why not (nothing happens). */
export type Decision = Effect | Refusal;

export const isRefusal = (decision: Decision): decision is Refusal => "code" in decision;

const LISTS = [
  "patches",
  "meta",
  "refresh",
  "direct",
  "welcome",
  "disconnect",
  "roster",
  "broadcast",
  "records",
  "hostQueues",
  "audit",
] as const;

/** One effect after another (lists concatenate; a later single value wins). */
export function combine(...effects: Effect[]): Effect {
  const out: Effect = {};
  for (const e of effects) {
    for (const key of LISTS) {
      const list = e[key];
      if (list) (out[key] as unknown[]) = [...((out[key] as unknown[] | undefined) ?? []), ...list];
    }
    if (e.keepOut) out.keepOut = e.keepOut;
    if (e.state) out.state = e.state;
    if (e.stage) out.stage = e.stage;
    if (e.waiting) out.waiting = true;
    if (e.alarm) out.alarm = true;
    if (e.slip) out.slip = e.slip;
    if (e.end) out.end = e.end;
  }
  return out;
}

/**
 * The one place an effect reaches storage, sockets and D1, in one order (see `Effect`). Everything
 * before the slip and the end runs before the first await: no other frame is handled in between.
 */
export async function applyEffect(io: RoomIO, actor: ParticipantRow, effect: Effect): Promise<void> {
  for (const { id, patch } of effect.patches ?? []) io.store.updateParticipant(id, patch);
  for (const { key, value } of effect.meta ?? []) io.store.setMeta(key, value);
  if (effect.keepOut) keepOut(io, actor, effect.keepOut);
  for (const id of effect.refresh ?? []) io.refreshConnections(id);
  if (effect.state) io.setState(effect.state);
  if (effect.stage) io.stageState(effect.stage);
  for (const { to, message } of effect.direct ?? []) io.sendTo(to, message);
  for (const id of effect.welcome ?? []) io.welcome(id);
  for (const { id, message } of effect.disconnect ?? []) io.disconnect(id, message);
  for (const id of effect.roster ?? []) io.rosterChanged(id);
  if (effect.waiting) io.waitingChanged();
  for (const { audience, message } of effect.broadcast ?? []) io.broadcast(message, audience);
  for (const record of effect.records ?? []) write(io.store, record);
  for (const queue of effect.hostQueues ?? []) io.broadcast(hostQueue(io.store, queue), "hosts");
  if (effect.alarm) io.scheduleAlarm();
  for (const { action, targetId } of effect.audit ?? []) io.audit(actor, action, targetId);
  if (effect.slip) io.sendTo(effect.slip.to, { type: "slip.issued", token: await io.signSlip(effect.slip.claims) });
  if (effect.end) await io.end(effect.end);
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

function write(store: RoomStore, record: RoomRecord): void {
  switch (record.kind) {
    case "message":
      store.addMessage(record.message);
      break;
    case "flag":
      store.addFlag(record.flag);
      break;
    case "deleteMessage":
      store.deleteMessage(record.messageId);
      break;
    case "report":
      store.addReport(record.report);
      break;
    case "dismissFromQueue":
      store.dismissFromQueue(record.messageId);
      break;
    case "slipRequest":
      store.putSlipRequest(record.request);
      break;
    case "takeSlipRequest":
      store.takeSlipRequest(record.participantId);
      break;
  }
}

function hostQueue(store: RoomStore, queue: HostQueue): ServerMessage {
  switch (queue) {
    case "reports":
      return { type: "reports", reports: store.reports() };
    case "flags":
      return { type: "flags", flags: store.flags() };
    case "slipRequests":
      return { type: "slip.requests", requests: store.slipRequests() };
  }
}
