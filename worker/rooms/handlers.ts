import { newId } from "../lib/ids";
import type { VoiceRoom } from "../voice/voice-room";
import { type BudgetBook, spendFrame } from "./budgets";
import * as chat from "./chat-actions";
import type { Fresh } from "./chat-actions";
import { DEFAULT_FLAG_WORDS } from "./chat-rules";
import { applyEffect, type Decision, isRefusal } from "./effect";
import * as rules from "./host-actions";
import * as members from "./member-actions";
import { authorize, type Owned, type SuspendSnapshot } from "./moderation";
import * as slips from "./slip-actions";
import type { ActionType } from "#shared/room-actions";
import type { ClientMessage, ModerationAction, RoomState, ServerMessage } from "#shared/room-protocol";
import { type Refusal, refusal } from "#shared/room-refusals";
import type { ParticipantRow, RoomStore } from "./store";
import type { SlipClaims } from "#shared/slip-token";

/** What the message handlers may do to the room; the room runtime (runtime.ts, `RoomRuntime`) implements it. */
export interface RoomIO {
  readonly store: RoomStore;
  now(): number;
  /** To every open connection of one participant. */
  sendTo(participantId: string, message: ServerMessage): void;
  /** To everyone admitted, or to hosts only. */
  broadcast(message: ServerMessage, audience: "admitted" | "hosts"): void;
  /** Queue a roster change (flushed at most every ~100 ms). */
  rosterChanged(participantId: string): void;
  /** Re-send the waiting list to hosts. */
  waitingChanged(): void;
  /** Re-tag the participant's connections (admitted / host) after a status or role change. */
  refreshConnections(participantId: string): void;
  /** Send `message` to the participant's connections, then close them. */
  disconnect(participantId: string, message: ServerMessage): void;
  /** Send a welcome (admitted) to the participant's connections. */
  welcome(participantId: string): void;
  /** Audit a moderation action in D1, off the hot path. */
  audit(actor: ParticipantRow, action: ModerationAction, targetId: string | null): void;
  /** Persist a meeting-wide ban in D1, off the hot path. */
  persistBan(actor: ParticipantRow, target: ParticipantRow): void;
  /** Make sure the alarm covers the timer, retention and head-count duties. */
  scheduleAlarm(): void;
  /** End the meeting for everyone. */
  end(reason: "host"): Promise<void>;
  /** Write the room state and tell everyone admitted, now. */
  setState(next: RoomState): void;
  /** A flip that may flip back (raised hands): visible to handlers at once, written and broadcast once per flush, only if it changed. */
  stageState(next: RoomState): void;
  /** Signs an attendance slip with the deployment's current key. */
  signSlip(claims: SlipClaims): Promise<string>;
  /** The room's voice (worker/voice/): SFU sessions, the floor, and closing tracks the rules no longer allow. */
  readonly voice: VoiceRoom;
  /** The participant's frame budgets (see budgets.ts), and saving them back. */
  budgets(participantId: string): BudgetBook;
  saveBudgets(participantId: string, book: BudgetBook): void;
}

const ok = null;

/** Every frame spends its class's budget first: over budget, nothing is broadcast or stored. */
function overBudget(io: RoomIO, actor: ParticipantRow, type: ClientMessage["type"]): Refusal | null {
  const spent = spendFrame(io.budgets(actor.id), type, actor.role, io.now());
  io.saveBudgets(actor.id, spent.book);
  return spent.retryInMs === null
    ? null
    : refusal("rate_limited", `Slow down: try again in ${Math.ceil(spent.retryInMs / 1000)} s`);
}

/** Someone's last socket closed: they leave the roster, the hand queue, or the waiting list. */
export function participantLeft(io: RoomIO, participant: ParticipantRow): Promise<void> {
  const left = members.leave(participant, io.store.state(), io.store.hasSlipRequest(participant.id));
  return applyEffect(io, participant, left);
}

/** What sending a chat message depends on. */
function chatRoom(io: RoomIO): chat.ChatRoom {
  return {
    chatMode: io.store.state().chatMode,
    flagWords: io.store.getMeta<string[]>("flagWords") ?? DEFAULT_FLAG_WORDS,
    hasMessages: io.store.oldestMessageAt() !== null,
  };
}

/** The message people in the waiting room see. */
export function greeter(io: Pick<RoomIO, "store">): string {
  return io.store.getMeta<string>("greeter") ?? "Welcome. The host will let you in shortly.";
}

/** One action's handler: `msg` is that action's frame, `target` the participant it names (checked by `authorize`). */
type Handler<K extends ActionType> = (
  io: RoomIO,
  actor: ParticipantRow,
  msg: Extract<ClientMessage, { type: K }>,
  target: ParticipantRow | null,
) => Refusal | null | Promise<Refusal | null>;

/** Carries out a rule's decision (effect.ts): a refusal changes nothing; an effect is applied in its one order. */
async function apply(io: RoomIO, actor: ParticipantRow, decision: Decision): Promise<Refusal | null> {
  if (isRefusal(decision)) return decision;
  await applyEffect(io, actor, decision);
  return ok;
}

/** A new record's id and time. */
const fresh = (io: RoomIO, prefix: string): Fresh => ({ id: newId(prefix), at: io.now() });

/** Exactly one handler per action in the table (shared/room-actions.ts); TypeScript checks it. */
const HANDLERS: { [K in ActionType]: Handler<K> } = {
  "chat.send": (io, actor, msg) => apply(io, actor, chat.sendChat(actor, msg.text, chatRoom(io), fresh(io, "msg_"))),
  "chat.delete": (io, actor, msg) => apply(io, actor, chat.deleteChat(actor, io.store.message(msg.messageId))),
  reaction: (io, actor, msg) => apply(io, actor, members.react(actor, msg.emoji)),
  "hand.raise": (io, actor) => apply(io, actor, members.handRaise(io.store.state(), actor.id)),
  "hand.lower": (io, actor, msg) =>
    apply(io, actor, members.handLower(io.store.state(), msg.participantId ?? actor.id)),
  report: (io, actor, msg) =>
    apply(
      io,
      actor,
      chat.report(
        actor,
        io.store.message(msg.messageId),
        msg.reason,
        fresh(io, "rep_"),
        io.store.hasReport(msg.messageId, actor.id),
      ),
    ),
  "self.unmute": (io, actor) => apply(io, actor, members.selfUnmute(actor)),
  "host.admit": (io, actor, _msg, target) => apply(io, actor, rules.admit(target as ParticipantRow, io.now())),
  "host.admitAll": (io, actor) => apply(io, actor, rules.admitAll(io.store.online("waiting"), io.now())),
  "host.deny": (io, actor, _msg, target) =>
    apply(io, actor, rules.removeFromRoom("deny", target as ParticipantRow, io.store.state())),
  "host.sendToWaiting": (io, actor, _msg, target) =>
    apply(io, actor, rules.sendToWaiting(target as ParticipantRow, io.store.state(), greeter(io))),
  "host.messageWaiting": (io, actor, msg) =>
    apply(io, actor, rules.messageWaiting(io.store.online("waiting"), msg.text)),
  "host.mute": (io, actor, _msg, target) => apply(io, actor, rules.mute(target as ParticipantRow)),
  "host.unmute": (io, actor, _msg, target) => apply(io, actor, rules.unmute(target as ParticipantRow)),
  "host.muteAll": (io, actor, msg) => apply(io, actor, rules.muteAll(io.store.online("admitted"), msg.allowSelfUnmute)),
  "host.remove": (io, actor, _msg, target) =>
    apply(io, actor, rules.removeFromRoom("remove", target as ParticipantRow, io.store.state())),
  "host.ban": (io, actor, _msg, target) =>
    apply(io, actor, rules.removeFromRoom("ban", target as ParticipantRow, io.store.state())),
  "host.lock": (io, actor, msg) => apply(io, actor, rules.lock(io.store.state(), msg.locked)),
  "host.chatMode": (io, actor, msg) => apply(io, actor, rules.chatMode(io.store.state(), msg.mode)),
  "host.promote": (io, actor, _msg, target) => apply(io, actor, rules.promote(target as ParticipantRow)),
  "host.demote": (io, actor, _msg, target) => apply(io, actor, rules.demote(target as ParticipantRow)),
  "host.rename": (io, actor, msg, target) => {
    const renamed = target as ParticipantRow;
    return apply(io, actor, rules.rename(renamed, msg.name, io.store.hostNames(renamed.id)));
  },
  "host.suspendAll": (io, actor) =>
    apply(
      io,
      actor,
      rules.suspend(
        io.store.state(),
        io.store.online("admitted"),
        io.store.getMeta<SuspendSnapshot>(rules.SUSPENDED_FROM),
      ),
    ),
  "host.resume": (io, actor) => {
    const snapshot = io.store.getMeta<SuspendSnapshot>(rules.SUSPENDED_FROM);
    const people = Object.keys(snapshot?.mutes ?? {}).flatMap((id) => io.store.participant(id) ?? []);
    return apply(io, actor, rules.resume(io.store.state(), snapshot, people));
  },
  "host.dismissReport": (io, actor, msg) =>
    apply(
      io,
      actor,
      chat.dismissReport(msg.messageId, io.store.message(msg.messageId), io.store.isQueued(msg.messageId)),
    ),
  "host.timer": (io, actor, msg) => apply(io, actor, rules.timer(io.store.state(), msg.seconds, io.now())),
  "host.flagWords": (io, actor, msg) => apply(io, actor, rules.flagWords(msg.words)),
  "host.end": (io, actor) => apply(io, actor, rules.end()),
  "slip.request": (io, actor, msg) =>
    apply(
      io,
      actor,
      slips.requestSlip(actor, io.store.config()?.slip, { sid: msg.sid, nameHash: msg.nameHash }, io.now()),
    ),
  "slip.confirm": (io, actor, _msg, target) =>
    apply(
      io,
      actor,
      slips.confirmSlip(target, target && io.store.slipRequest(target.id), io.store.config()?.slip, io.now()),
    ),
  "rtc.signal": () => refusal("not_supported", "Audio is not available yet"),
  "voice.ice": (io, actor, msg) => io.voice.ice(actor, msg.requestId),
  "voice.join": (io, actor, msg) => io.voice.join(actor, msg.sdp, msg.requestId),
  "voice.unmute": (io, actor, msg) => io.voice.unmute(actor, msg.sdp, msg.mid, msg.requestId),
  "voice.mute": (io, actor) => io.voice.mute(actor),
  "voice.renegotiate": (io, actor, msg) => io.voice.renegotiate(actor, msg.sdp),
  "voice.leave": (io, actor) => io.voice.leave(actor),
  "floor.done": (io, actor) => io.voice.floorDone(actor),
  "host.floorGive": (io, _actor, msg) => io.voice.floorGive(msg.participantId, msg.seconds),
  "host.floorTake": (io) => io.voice.floorTake(),
  "host.floorMode": (io, _actor, msg) => io.voice.floorMode(msg.mode),
};

/** Whose raised hand, message or slip request an action acts on, for `authorize`. */
function ownerOf(io: RoomIO, actor: ParticipantRow, msg: ClientMessage): Owned {
  switch (msg.type) {
    case "hand.lower":
      return { ownerId: msg.participantId ?? actor.id };
    case "chat.delete":
      return { ownerId: io.store.message(msg.messageId)?.participantId ?? null };
    case "slip.confirm":
      return { ownerId: msg.participantId };
    default:
      return { ownerId: null };
  }
}

/**
 * Handles one validated client message from `actor` (also used by the HTTP mirrors, so both
 * spend the same budgets): budget, then `authorize`, then the action's handler. Returns a refusal
 * to send back as an `error`, or null when done.
 */
export async function handleClientMessage(
  io: RoomIO,
  actor: ParticipantRow,
  msg: ClientMessage,
): Promise<Refusal | null> {
  const spent = overBudget(io, actor, msg.type);
  if (spent) return spent;
  const target = "participantId" in msg && msg.participantId ? io.store.participant(msg.participantId) : null;
  const denied = authorize(actor, msg.type, target, ownerOf(io, actor, msg));
  if (denied) return denied;
  const handler = HANDLERS[msg.type] as Handler<typeof msg.type>;
  return handler(io, actor, msg, target);
}
