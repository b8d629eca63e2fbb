import { newId } from "../lib/ids";
import { isVoiceFrame, type VoiceRoom } from "../voice/voice-room";
import { type BudgetBook, spendFrame } from "./budgets";
import { chatRefusal, DEFAULT_FLAG_WORDS, flagReasons } from "./chat-rules";
import { authorize, lowerHand, muteAllTargets, raiseHand, type Refusal, selfUnmuteRefusal, suspendAll, withChatMode, withLock, withTimer } from "./moderation";
import { assertNever, type ChatMessage, type ClientMessage, type ModerationAction, type RoomState, type ServerMessage } from "#shared/room-protocol";
import { displayNameProblem, NAME_PROBLEM_MESSAGES, normalizeDisplayName } from "#shared/display-name";
import { type ParticipantRow, RoomStore, type SlipRequest } from "./store";
import { slipClaims, slipConfirmRefusal, slipRequestRefusal } from "../slips/slip-rules";
import type { SlipClaims } from "#shared/slip-token";

/** What the message handlers may do to the room; the MeetingRoom class implements it. */
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
const refuse = (code: string, message: string): Refusal => ({ code, message });

/** Every frame spends its class's budget first: over budget, nothing is broadcast or stored. */
function overBudget(io: RoomIO, actor: ParticipantRow, type: ClientMessage["type"]): Refusal | null {
  const spent = spendFrame(io.budgets(actor.id), type, actor.role, io.now());
  io.saveBudgets(actor.id, spent.book);
  return spent.retryInMs === null ? null : refuse("rate_limited", `Slow down: try again in ${Math.ceil(spent.retryInMs / 1000)} s`);
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
  if (!message) return refuse("not_found", "No such message");
  if (actor.role !== "host" && message.participantId !== actor.id) return refuse("forbidden", "Only hosts can delete others' messages");
  io.store.deleteMessage(messageId);
  io.broadcast({ type: "chat.deleted", messageId }, "admitted");
  if (actor.role === "host") io.audit(actor, "deleteMessage", message.participantId);
  return ok;
}

function report(io: RoomIO, actor: ParticipantRow, messageId: string, reason: string): Refusal | null {
  if (!io.store.message(messageId)) return refuse("not_found", "No such message");
  io.store.addReport({ id: newId("rep_"), messageId, reporterId: actor.id, reason, at: io.now() });
  io.broadcast({ type: "reports", reports: io.store.reports() }, "hosts");
  return ok;
}

/** Changes one participant and tells the room (roster + a `moderation` frame). */
function moderate(io: RoomIO, actor: ParticipantRow, action: ModerationAction, target: ParticipantRow, patch: Parameters<RoomStore["updateParticipant"]>[1]): void {
  io.store.updateParticipant(target.id, patch);
  io.refreshConnections(target.id);
  io.rosterChanged(target.id);
  io.broadcast({ type: "moderation", action, participantId: target.id }, "admitted");
  io.audit(actor, action, target.id);
}

function admit(io: RoomIO, actor: ParticipantRow, target: ParticipantRow): void {
  io.store.updateParticipant(target.id, { status: "admitted", admittedAt: io.now() });
  io.refreshConnections(target.id);
  io.sendTo(target.id, { type: "admitted" });
  io.welcome(target.id);
  io.rosterChanged(target.id);
  io.waitingChanged();
  io.audit(actor, "admit", target.id);
}

function removeFromRoom(io: RoomIO, actor: ParticipantRow, target: ParticipantRow, action: "remove" | "ban" | "deny"): void {
  io.store.updateParticipant(target.id, { status: action === "deny" ? "denied" : "removed" });
  // Whatever they change (headers, a new tab), one matching key keeps them out of this occurrence,
  // and from now on every new attendee waits for a host to let them in.
  const keys = RoomStore.keysOf(target);
  for (const key of keys) io.store.addRemoval(key);
  if (action !== "deny") io.store.setMeta("guarded", true);
  if (action === "ban") {
    for (const key of keys) io.store.addBan(key);
    io.persistBan(actor, target);
  }
  setStateIfHandRaised(io, target.id);
  io.disconnect(target.id, { type: "removed", reason: action === "ban" ? "banned" : action === "deny" ? "denied" : "removed" });
  io.rosterChanged(target.id);
  io.waitingChanged();
  io.broadcast({ type: "moderation", action, participantId: target.id }, "hosts");
  io.audit(actor, action, target.id);
}

/** An attendance slip request: refused before the meeting's minimum presence; issued at once with auto-confirm. */
async function requestSlip(io: RoomIO, actor: ParticipantRow, sid: string, nameHash: string | null): Promise<Refusal | null> {
  const slip = io.store.config()?.slip;
  if (!slip) return refuse("not_live", "Slips are not available in this meeting yet");
  const refusal = slipRequestRefusal(actor, slip.minMinutes, io.now());
  if (refusal) return refusal;
  const request: SlipRequest = { participantId: actor.id, sid, nameHash, at: io.now() };
  if (slip.autoConfirm) return issueSlip(io, request, actor, "auto");
  io.store.putSlipRequest(request);
  io.sendTo(actor.id, { type: "slip.pending" });
  io.broadcast({ type: "slip.requests", requests: io.store.slipRequests() }, "hosts");
  return ok;
}

/** A host's one click: the request leaves storage before signing, so a second click issues nothing. */
async function confirmSlip(io: RoomIO, actor: ParticipantRow, target: ParticipantRow | null): Promise<Refusal | null> {
  const refusal = slipConfirmRefusal(actor, target, target !== null && io.store.hasSlipRequest(target.id));
  if (refusal) return refusal;
  const request = target && io.store.takeSlipRequest(target.id);
  if (!target || !request) return refuse("no_request", "No slip request from that participant");
  io.broadcast({ type: "slip.requests", requests: io.store.slipRequests() }, "hosts");
  return issueSlip(io, request, target, "host");
}

/** Signs the slip and sends it to the requester only; nothing of it is stored. */
async function issueSlip(io: RoomIO, request: SlipRequest, requester: ParticipantRow, confirmedBy: "host" | "auto"): Promise<Refusal | null> {
  const slip = io.store.config()?.slip;
  if (!slip || requester.admittedAt === null) return refuse("not_admitted", "Wait to be admitted");
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
  if (io.store.hasSlipRequest(participant.id)) io.broadcast({ type: "slip.requests", requests: io.store.slipRequests() }, "hosts");
}

function setStateIfHandRaised(io: RoomIO, participantId: string): void {
  const state = io.store.state();
  const next = lowerHand(state, participantId);
  if (next !== state) io.setState(next);
}

function muteAll(io: RoomIO, actor: ParticipantRow, allowSelfUnmute: boolean, action: "muteAll" | "suspendAll"): void {
  const admitted = io.store.online("admitted");
  for (const id of muteAllTargets(admitted)) {
    io.store.updateParticipant(id, { muted: true, canSelfUnmute: allowSelfUnmute });
    io.rosterChanged(id);
  }
  io.broadcast({ type: "moderation", action, participantId: null }, "admitted");
  io.audit(actor, action, null);
}

function sendToWaiting(io: RoomIO, actor: ParticipantRow, target: ParticipantRow): void {
  // Presence for an attendance slip counts again from their next admission.
  io.store.updateParticipant(target.id, { status: "waiting", admittedAt: null });
  io.refreshConnections(target.id);
  setStateIfHandRaised(io, target.id);
  io.sendTo(target.id, { type: "waiting", message: greeter(io) });
  io.rosterChanged(target.id);
  io.waitingChanged();
  io.audit(actor, "sendToWaiting", target.id);
}

/** The message people in the waiting room see. */
export function greeter(io: Pick<RoomIO, "store">): string {
  return io.store.getMeta<string>("greeter") ?? "Welcome. The host will let you in shortly.";
}

/**
 * Handles one validated client message from `actor` (also used by the HTTP mirrors, so both
 * spend the same budgets). Returns a refusal to send back as an `error`, or null when done.
 */
export async function handleClientMessage(io: RoomIO, actor: ParticipantRow, msg: ClientMessage): Promise<Refusal | null> {
  const spent = overBudget(io, actor, msg.type);
  if (spent) return spent;
  const found = "participantId" in msg && msg.participantId ? io.store.participant(msg.participantId) : null;
  const denied = authorize(actor, msg.type, found);
  if (denied) return denied;
  if (isVoiceFrame(msg)) return io.voice.handle(actor, msg);
  // authorize() guarantees a live target for every targeted host action.
  const target = found as ParticipantRow;
  switch (msg.type) {
    case "chat.send":
      return sendChat(io, actor, msg.text);
    case "chat.delete":
      return deleteChat(io, actor, msg.messageId);
    case "reaction":
      io.broadcast({ type: "reaction", participantId: actor.id, emoji: msg.emoji }, "admitted");
      return ok;
    case "hand.raise":
      stageHands(io, raiseHand(io.store.state(), actor.id));
      return ok;
    case "hand.lower":
      if (msg.participantId && msg.participantId !== actor.id && actor.role !== "host") return refuse("forbidden", "Hosts only");
      stageHands(io, lowerHand(io.store.state(), msg.participantId ?? actor.id));
      return ok;
    case "report":
      return report(io, actor, msg.messageId, msg.reason);
    case "self.unmute": {
      const refusal = selfUnmuteRefusal(actor);
      if (refusal) return refusal;
      io.store.updateParticipant(actor.id, { muted: false });
      io.rosterChanged(actor.id);
      return ok;
    }
    case "host.admit":
      admit(io, actor, target);
      return ok;
    case "host.admitAll":
      for (const waiting of io.store.online("waiting")) admit(io, actor, waiting);
      return ok;
    case "host.deny":
      removeFromRoom(io, actor, target, "deny");
      return ok;
    case "host.sendToWaiting":
      sendToWaiting(io, actor, target);
      return ok;
    case "host.messageWaiting":
      io.store.setMeta("greeter", msg.text);
      for (const waiting of io.store.online("waiting")) io.sendTo(waiting.id, { type: "waiting", message: msg.text });
      return ok;
    case "host.mute":
      moderate(io, actor, "mute", target, { muted: true, canSelfUnmute: false });
      return ok;
    case "host.unmute":
      moderate(io, actor, "unmute", target, { muted: false, canSelfUnmute: false });
      return ok;
    case "host.muteAll":
      muteAll(io, actor, msg.allowSelfUnmute, "muteAll");
      return ok;
    case "host.remove":
      removeFromRoom(io, actor, target, "remove");
      return ok;
    case "host.ban":
      removeFromRoom(io, actor, target, "ban");
      return ok;
    case "host.lock":
      io.setState(withLock(io.store.state(), msg.locked));
      io.audit(actor, msg.locked ? "lock" : "unlock", null);
      return ok;
    case "host.chatMode":
      io.setState(withChatMode(io.store.state(), msg.mode));
      io.audit(actor, "chatMode", null);
      return ok;
    case "host.promote":
      moderate(io, actor, "promote", target, { role: "host", muted: false, canSelfUnmute: false });
      return ok;
    case "host.demote":
      moderate(io, actor, "demote", target, { role: "attendee" });
      return ok;
    case "host.rename": {
      const name = normalizeDisplayName(msg.name);
      const problem = displayNameProblem(name, io.store.hostNames(target.id));
      if (problem) return refuse("invalid_name", NAME_PROBLEM_MESSAGES[problem]);
      moderate(io, actor, "rename", target, { name });
      return ok;
    }
    case "host.suspendAll":
      io.setState(suspendAll(io.store.state()));
      muteAll(io, actor, false, "suspendAll");
      return ok;
    case "host.timer":
      io.setState(withTimer(io.store.state(), msg.seconds, io.now()));
      io.broadcast({ type: "timer", endsAt: io.store.state().timer?.endsAt ?? null, seconds: io.store.state().timer?.seconds ?? null, ended: false }, "admitted");
      io.scheduleAlarm();
      return ok;
    case "host.flagWords":
      io.store.setMeta("flagWords", msg.words);
      return ok;
    case "host.end":
      io.audit(actor, "end", null);
      await io.end("host");
      return ok;
    case "rtc.signal":
      return refuse("not_supported", "Audio is not available yet");
    case "slip.request":
      return requestSlip(io, actor, msg.sid, msg.nameHash);
    case "slip.confirm":
      return confirmSlip(io, actor, found);
    default:
      return assertNever(msg);
  }
}
