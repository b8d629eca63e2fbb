import type { VoiceState, VoiceStopReason } from "#shared/voice-protocol";
import type {
  ChatMessage,
  Flag,
  ModerationAction,
  Participant,
  Reaction,
  Report,
  RoomState,
  ServerMessage,
  WaitingEntry,
} from "#shared/room-protocol";

/** Where this person is in the room's life. */
export type Phase = "connecting" | "waiting" | "in" | "removed" | "ended" | "lost";

/** A notice the room shows (and the live region speaks): about me, or about the room. */
export type Notice =
  | { kind: "moderation"; action: ModerationAction; aboutMe: boolean; name: string | null }
  | { kind: "timerEnded" }
  | { kind: "voiceStopped"; reason: VoiceStopReason }
  | { kind: "error"; code: string; message: string };

export type FlyingReaction = { key: number; participantId: string; emoji: Reaction };

export type RoomView = {
  phase: Phase;
  self: Participant | null;
  roster: Participant[];
  state: RoomState;
  chat: ChatMessage[];
  waitingMessage: string;
  waiting: WaitingEntry[];
  reports: Report[];
  flags: Flag[];
  conference: { url: string | null; phone: string | null; notes: string | null } | null;
  removedReason: "removed" | "banned" | "denied" | null;
  endedReason: "host" | "ended" | "cancelled" | null;
  notice: (Notice & { seq: number }) | null;
  reactions: FlyingReaction[];
  /** Attendance slips: the meeting's minimum, when I was admitted, my request, and (hosts) who is asking. */
  slip: SlipView;
  slipRequests: SlipRequestEntry[];
  /** The room's audio: floor mode, who holds the floor, who speaks now. */
  voice: VoiceState;
  /** `after_admit` meetings: the passcode, sent once a host let me in. */
  passcode: string | null;
  /** What this meeting keeps of the chat, and whether latecomers read back (null: an older room said nothing). */
  privacy: { chatRetention: "end" | "24h" | "7d"; latecomerChat: boolean } | null;
  seq: number;
};

export type SlipView = {
  minMinutes: number;
  presentSince: number | null;
  status: "idle" | "pending" | "issued";
  token: string | null;
};
export type SlipRequestEntry = Extract<ServerMessage, { type: "slip.requests" }>["requests"][number];

/** The client keeps at most this many messages; the list renders a window of them. */
export const CHAT_KEEP = 500;
const REACTIONS_KEPT = 8;

export const initialRoomView: RoomView = {
  phase: "connecting",
  self: null,
  roster: [],
  state: { locked: false, chatMode: "everyone", timer: null, hands: [] },
  chat: [],
  waitingMessage: "",
  waiting: [],
  reports: [],
  flags: [],
  conference: null,
  removedReason: null,
  endedReason: null,
  notice: null,
  reactions: [],
  slip: { minMinutes: 45, presentSince: null, status: "idle", token: null },
  slipRequests: [],
  voice: { mode: "open", floor: null, speakers: [] },
  passcode: null,
  privacy: null,
  seq: 0,
};

function withNotice(view: RoomView, notice: Notice): RoomView {
  const seq = view.seq + 1;
  return { ...view, seq, notice: { ...notice, seq } };
}

function applyRoster(view: RoomView, changes: Extract<ServerMessage, { type: "roster" }>["changes"]): RoomView {
  const byId = new Map(view.roster.map((p) => [p.id, p]));
  let self = view.self;
  for (const change of changes) {
    if (change.op === "upsert") {
      byId.set(change.participant.id, change.participant);
      if (self && change.participant.id === self.id) self = change.participant;
    } else byId.delete(change.participantId);
  }
  return { ...view, self, roster: [...byId.values()] };
}

function nameOf(view: RoomView, participantId: string | null): string | null {
  if (!participantId) return null;
  return (
    view.roster.find((p) => p.id === participantId)?.name ??
    view.chat.findLast((m) => m.participantId === participantId)?.name ??
    null
  );
}

/**
 * Applies one validated server frame to what this client shows. Pure, so it is unit-tested;
 * the `switch` ends in `satisfies never`, so a new message type fails the build until handled.
 */
export function roomReducer(view: RoomView, msg: ServerMessage): RoomView {
  switch (msg.type) {
    case "welcome":
      return {
        ...view,
        phase: "in",
        self: msg.self,
        roster: msg.roster,
        state: msg.state,
        chat: msg.chat.slice(-CHAT_KEEP),
        conference: msg.conference,
        slip: msg.slip ? { ...view.slip, ...msg.slip } : view.slip,
        privacy: msg.privacy ?? null,
      };
    case "waiting":
      return { ...view, phase: "waiting", waitingMessage: msg.message };
    case "admitted":
      return { ...view, phase: "connecting" };
    case "passcode":
      return { ...view, passcode: msg.passcode };
    case "roster":
      return applyRoster(view, msg.changes);
    case "waiting.list":
      return { ...view, waiting: msg.waiting };
    case "chat.message":
      if (view.chat.some((m) => m.id === msg.message.id)) return view;
      return { ...view, chat: [...view.chat, msg.message].slice(-CHAT_KEEP) };
    case "chat.deleted":
      return { ...view, chat: view.chat.filter((m) => m.id !== msg.messageId) };
    case "moderation": {
      const aboutMe = msg.participantId !== null && msg.participantId === view.self?.id;
      return withNotice(view, {
        kind: "moderation",
        action: msg.action,
        aboutMe,
        name: aboutMe ? null : nameOf(view, msg.participantId),
      });
    }
    case "state":
      return { ...view, state: msg.state };
    case "reaction": {
      const key = view.seq + 1;
      return {
        ...view,
        seq: key,
        reactions: [...view.reactions, { key, participantId: msg.participantId, emoji: msg.emoji }].slice(
          -REACTIONS_KEPT,
        ),
      };
    }
    case "timer":
      if (msg.ended) return withNotice({ ...view, state: { ...view.state, timer: null } }, { kind: "timerEnded" });
      return {
        ...view,
        state: {
          ...view.state,
          timer: msg.endsAt === null || msg.seconds === null ? null : { endsAt: msg.endsAt, seconds: msg.seconds },
        },
      };
    case "reports":
      return { ...view, reports: msg.reports };
    case "flags":
      return { ...view, flags: msg.flags };
    case "removed":
      return { ...view, phase: "removed", removedReason: msg.reason };
    case "ended":
      return { ...view, phase: "ended", endedReason: msg.reason };
    case "error":
      return withNotice(view, { kind: "error", code: msg.code, message: msg.message });
    case "rtc.signal":
      // Reserved for audio; nothing to show yet.
      return view;
    case "slip.pending":
      return { ...view, slip: { ...view.slip, status: "pending" } };
    case "slip.issued":
      return { ...view, slip: { ...view.slip, status: "issued", token: msg.token } };
    case "slip.requests":
      return { ...view, slipRequests: msg.requests };
    case "voice.state":
      return { ...view, voice: msg.voice };
    case "voice.stopped":
      return msg.reason === "self" ? view : withNotice(view, { kind: "voiceStopped", reason: msg.reason });
    case "joined":
      // The one-round-trip join's seat and session token: the socket's owner keeps them, not the view.
      return view;
    case "join.refused":
      return refusedView(view, msg.code);
    case "voice.ice":
    case "voice.answer":
    case "voice.offer":
      // ICE servers and session descriptions go to the voice connection (voice-client.ts), not the view.
      return view;
    default:
      return msg satisfies never;
  }
}

/** Where a refused way in leaves this client (a refused rejoin, or a join refused over the socket). */
export function refusedView(view: RoomView, code: string): RoomView {
  if (code === "removed" || code === "banned") return { ...view, phase: "removed", removedReason: code };
  if (code === "not_live") return { ...view, phase: "ended", endedReason: "ended" };
  return { ...view, phase: "lost" };
}

/** Can this person post right now, and if not, why (a key of the room's strings)? */
export function composerBlock(view: RoomView): "muted" | "chatOff" | "hostsOnly" | null {
  const self = view.self;
  if (!self) return "chatOff";
  if (view.state.chatMode === "off") return "chatOff";
  if (self.role === "host") return null;
  if (view.state.chatMode === "hosts") return "hostsOnly";
  if (self.muted) return "muted";
  return null;
}

/** Drops a reaction once its animation is over. */
export function withoutReaction(view: RoomView, key: number): RoomView {
  return { ...view, reactions: view.reactions.filter((r) => r.key !== key) };
}
