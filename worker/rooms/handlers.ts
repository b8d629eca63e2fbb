import { newId } from "../lib/ids";
import type { VoiceRoom } from "../voice/voice-room";
import { type BudgetBook, spendFrame } from "./budgets";
import { chatRefusal, DEFAULT_FLAG_WORDS, flagReasons } from "./chat-rules";
import { applyEffect, type Effect } from "./effect";
import * as rules from "./host-actions";
import { authorize, lowerHand, type Owned, raiseHand, type SuspendSnapshot, withTimer } from "./moderation";
import type { ActionType } from "#shared/room-actions";
import type { ChatMessage, ClientMessage, ModerationAction, RoomState, ServerMessage } from "#shared/room-protocol";
import { type Refusal, refusal } from "#shared/room-refusals";
import { displayNameProblem, NAME_PROBLEM_MESSAGES, normalizeDisplayName } from "#shared/display-name";
import type { ParticipantRow, RoomStore, SlipRequest } from "./store";
import { slipClaims, slipConfirmRefusal, slipRequestRefusal } from "../slips/slip-rules";
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

/** Raised hands flip back and forth: unchanged is a no-op, a change is coalesced before storage and broadcast. */
function stageHands(io: RoomIO, next: RoomState): void {
  if (next !== io.store.state()) io.stageState(next);
}

function sendChat(io: RoomIO, actor: ParticipantRow, text: string): Refusal | null {
  const refusal = chatRefusal(actor, io.store.state().chatMode);
  if (refusal) return refusal;
  const message: ChatMessage = { id: newId("msg_"), participantId: actor.id, name: actor.name, text, at: io.now() };
  // Only the oldest message sets the purge time: the alarm needs rescheduling for the first one only.
  const first = io.store.oldestMessageAt() === null;
  // Broadcast, then store: frames sent after a storage write wait for its commit (the output gate),
  // which put every disk flush into the fan-out's tail. Chat is ephemeral; should the object crash
  // in between, people saw a line that later joiners' history lacks.
  io.broadcast({ type: "chat.message", message }, "admitted");
  io.store.addMessage(message);
  const reasons = flagReasons(text, actor.role, io.store.getMeta<string[]>("flagWords") ?? DEFAULT_FLAG_WORDS);
  if (reasons.length > 0) {
    io.store.addFlag({ messageId: message.id, participantId: actor.id, reasons, at: message.at });
    io.broadcast({ type: "flags", flags: io.store.flags() }, "hosts");
  }
  if (first) io.scheduleAlarm();
  return ok;
}

function deleteChat(io: RoomIO, actor: ParticipantRow, messageId: string): Refusal | null {
  const message = io.store.message(messageId);
  if (!message) return refusal("not_found", "No such message");
  io.store.deleteMessage(messageId);
  io.broadcast({ type: "chat.deleted", messageId }, "admitted");
  if (actor.role === "host") io.audit(actor, "deleteMessage", message.participantId);
  return ok;
}

function report(io: RoomIO, actor: ParticipantRow, messageId: string, reason: string): Refusal | null {
  if (!io.store.message(messageId)) return refusal("not_found", "No such message");
  // One report per person per message: a repeat (a reconnect, a second tab) changes nothing.
  if (io.store.hasReport(messageId, actor.id)) return ok;
  io.store.addReport({ id: newId("rep_"), messageId, reporterId: actor.id, reason, at: io.now() });
  io.broadcast({ type: "reports", reports: io.store.reports() }, "hosts");
  return ok;
}

/** A host clears a message from the queue without acting on it. */
function dismissReport(io: RoomIO, actor: ParticipantRow, messageId: string): Refusal | null {
  if (!io.store.dismissFromQueue(messageId)) return refusal("not_found", "That message is not in the report queue");
  io.broadcast({ type: "reports", reports: io.store.reports() }, "hosts");
  io.broadcast({ type: "flags", flags: io.store.flags() }, "hosts");
  io.audit(actor, "dismissReport", io.store.message(messageId)?.participantId ?? null);
  return ok;
}

/** "Resume meeting", refused unless a "suspend all" left a snapshot in room storage. */
function resume(io: RoomIO, actor: ParticipantRow): Refusal | null {
  const snapshot = io.store.getMeta<SuspendSnapshot>(rules.SUSPENDED_FROM);
  if (!snapshot) return refusal("not_suspended", "The meeting is not suspended");
  const people = Object.keys(snapshot.mutes).flatMap((id) => io.store.participant(id) ?? []);
  return apply(io, actor, rules.resume(io.store.state(), snapshot, people));
}

/** An attendance slip request: refused before the meeting's minimum presence; issued at once with auto-confirm. */
async function requestSlip(
  io: RoomIO,
  actor: ParticipantRow,
  sid: string,
  nameHash: string | null,
): Promise<Refusal | null> {
  const slip = io.store.config()?.slip;
  if (!slip) return refusal("not_live", "Slips are not available in this meeting yet");
  const refused = slipRequestRefusal(actor, slip.minMinutes, io.now());
  if (refused) return refused;
  const request: SlipRequest = { participantId: actor.id, sid, nameHash, at: io.now() };
  if (slip.autoConfirm) return issueSlip(io, request, actor, "auto");
  io.store.putSlipRequest(request);
  io.sendTo(actor.id, { type: "slip.pending" });
  io.broadcast({ type: "slip.requests", requests: io.store.slipRequests() }, "hosts");
  return ok;
}

/** A host's one click (`authorize` checked who): the request leaves storage before signing, so a second click issues nothing. */
async function confirmSlip(io: RoomIO, target: ParticipantRow | null): Promise<Refusal | null> {
  const refused = slipConfirmRefusal(target, target !== null && io.store.hasSlipRequest(target.id));
  if (refused) return refused;
  const request = target && io.store.takeSlipRequest(target.id);
  if (!target || !request) return refusal("no_request", "No slip request from that participant");
  io.broadcast({ type: "slip.requests", requests: io.store.slipRequests() }, "hosts");
  return issueSlip(io, request, target, "host");
}

/** Signs the slip and sends it to the requester only; nothing of it is stored. */
async function issueSlip(
  io: RoomIO,
  request: SlipRequest,
  requester: ParticipantRow,
  confirmedBy: "host" | "auto",
): Promise<Refusal | null> {
  const slip = io.store.config()?.slip;
  if (!slip || requester.admittedAt === null) return refusal("not_admitted", "Wait to be admitted");
  const token = await io.signSlip(slipClaims(slip, request, requester.admittedAt, io.now(), confirmedBy));
  io.sendTo(requester.id, { type: "slip.issued", token });
  return ok;
}

/** Someone's last socket closed: they leave the roster and the hand queue. */
export function participantLeft(io: RoomIO, participant: ParticipantRow): void {
  io.store.updateParticipant(participant.id, { online: false });
  if (participant.status === "admitted") {
    setStateIfHandRaised(io, participant.id);
    io.rosterChanged(participant.id);
  } else io.waitingChanged();
  if (io.store.hasSlipRequest(participant.id))
    io.broadcast({ type: "slip.requests", requests: io.store.slipRequests() }, "hosts");
}

function setStateIfHandRaised(io: RoomIO, participantId: string): void {
  const state = io.store.state();
  const next = lowerHand(state, participantId);
  if (next !== state) io.setState(next);
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

/** Carries out a rule's effect (effect.ts): one order for every action built on a rule. */
function apply(io: RoomIO, actor: ParticipantRow, effect: Effect): null {
  applyEffect(io, actor, effect);
  return ok;
}

/** Exactly one handler per action in the table (shared/room-actions.ts); TypeScript checks it. */
const HANDLERS: { [K in ActionType]: Handler<K> } = {
  "chat.send": (io, actor, msg) => sendChat(io, actor, msg.text),
  "chat.delete": (io, actor, msg) => deleteChat(io, actor, msg.messageId),
  reaction: (io, actor, msg) => {
    io.broadcast({ type: "reaction", participantId: actor.id, emoji: msg.emoji }, "admitted");
    return ok;
  },
  "hand.raise": (io, actor) => {
    stageHands(io, raiseHand(io.store.state(), actor.id));
    return ok;
  },
  "hand.lower": (io, actor, msg) => {
    stageHands(io, lowerHand(io.store.state(), msg.participantId ?? actor.id));
    return ok;
  },
  report: (io, actor, msg) => report(io, actor, msg.messageId, msg.reason),
  "self.unmute": (io, actor) => {
    io.store.updateParticipant(actor.id, { muted: false });
    io.rosterChanged(actor.id);
    return ok;
  },
  "host.admit": (io, actor, _msg, target) => apply(io, actor, rules.admit(target as ParticipantRow, io.now())),
  "host.admitAll": (io, actor) => apply(io, actor, rules.admitAll(io.store.online("waiting"), io.now())),
  "host.deny": (io, actor, _msg, target) =>
    apply(io, actor, rules.removeFromRoom("deny", target as ParticipantRow, io.store.state())),
  "host.sendToWaiting": (io, actor, _msg, target) =>
    apply(io, actor, rules.sendToWaiting(target as ParticipantRow, io.store.state(), greeter(io))),
  "host.messageWaiting": (io, _actor, msg) => {
    io.store.setMeta("greeter", msg.text);
    for (const waiting of io.store.online("waiting")) io.sendTo(waiting.id, { type: "waiting", message: msg.text });
    return ok;
  },
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
    const name = normalizeDisplayName(msg.name);
    const problem = displayNameProblem(name, io.store.hostNames(renamed.id));
    if (problem) return refusal("invalid_name", NAME_PROBLEM_MESSAGES[problem]);
    return apply(io, actor, rules.rename(renamed, name));
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
  "host.resume": (io, actor) => resume(io, actor),
  "host.dismissReport": (io, actor, msg) => dismissReport(io, actor, msg.messageId),
  "host.timer": (io, _actor, msg) => {
    io.setState(withTimer(io.store.state(), msg.seconds, io.now()));
    io.broadcast(
      {
        type: "timer",
        endsAt: io.store.state().timer?.endsAt ?? null,
        seconds: io.store.state().timer?.seconds ?? null,
        ended: false,
      },
      "admitted",
    );
    io.scheduleAlarm();
    return ok;
  },
  "host.flagWords": (io, _actor, msg) => {
    io.store.setMeta("flagWords", msg.words);
    return ok;
  },
  "host.end": async (io, actor) => {
    io.audit(actor, "end", null);
    await io.end("host");
    return ok;
  },
  "rtc.signal": () => refusal("not_supported", "Audio is not available yet"),
  "slip.request": (io, actor, msg) => requestSlip(io, actor, msg.sid, msg.nameHash),
  "slip.confirm": (io, _actor, _msg, target) => confirmSlip(io, target),
  "voice.join": (io, actor, msg) => io.voice.join(actor, msg.sdp),
  "voice.unmute": (io, actor, msg) => io.voice.unmute(actor, msg.sdp, msg.mid),
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
