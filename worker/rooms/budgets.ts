import type { ClientMessageType, RoomRole } from "#shared/room-protocol";

/** A token bucket: `capacity` frames at once (the burst), refilled at `perSecond`. */
export type Bucket = { tokens: number; updatedAt: number };
export type BucketPolicy = { capacity: number; perSecond: number };

/** Frames that share one budget. */
export type FrameClass = "chat" | "hand" | "reaction" | "report" | "moderation" | "rename" | "signal";

/**
 * Which budget every client frame spends. A `Record` over all frame types: a new frame type does
 * not compile until it is given a class here.
 */
export const FRAME_CLASS: Record<ClientMessageType, FrameClass> = {
  "chat.send": "chat",
  "chat.delete": "chat",
  reaction: "reaction",
  "hand.raise": "hand",
  "hand.lower": "hand",
  "self.unmute": "hand",
  report: "report",
  "host.admit": "moderation",
  "host.admitAll": "moderation",
  "host.deny": "moderation",
  "host.sendToWaiting": "moderation",
  "host.messageWaiting": "moderation",
  "host.mute": "moderation",
  "host.unmute": "moderation",
  "host.muteAll": "moderation",
  "host.remove": "moderation",
  "host.ban": "moderation",
  "host.lock": "moderation",
  "host.chatMode": "moderation",
  "host.promote": "moderation",
  "host.demote": "moderation",
  "host.rename": "rename",
  "host.suspendAll": "moderation",
  "host.resume": "moderation",
  "host.dismissReport": "moderation",
  "host.timer": "moderation",
  "host.flagWords": "moderation",
  "host.end": "moderation",
  "rtc.signal": "signal",
  "slip.request": "report",
  "slip.confirm": "moderation",
  "voice.ice": "signal",
  "voice.join": "signal",
  "voice.unmute": "signal",
  "voice.mute": "signal",
  "voice.renegotiate": "signal",
  "voice.leave": "signal",
  "floor.done": "hand",
  "host.floorGive": "moderation",
  "host.floorTake": "moderation",
  "host.floorMode": "moderation",
};

/**
 * The one table of per-participant budgets: a burst, then a steady rate (as in Cloudflare's
 * workers-chat-demo). Hosts get deeper buckets where their work needs them (pasting readings,
 * lowering a room's hands, admitting a waiting room). Frames from the socket and the HTTP
 * mirrors spend the same buckets.
 */
export const BUDGETS: Record<FrameClass, Record<RoomRole, BucketPolicy>> = {
  chat: { attendee: { capacity: 5, perSecond: 1 }, host: { capacity: 40, perSecond: 20 } },
  /** Raising and lowering a hand is a toggle: a few flips, then one every two seconds. */
  hand: { attendee: { capacity: 4, perSecond: 0.5 }, host: { capacity: 30, perSecond: 5 } },
  reaction: { attendee: { capacity: 10, perSecond: 2 }, host: { capacity: 10, perSecond: 2 } },
  report: { attendee: { capacity: 3, perSecond: 0.1 }, host: { capacity: 10, perSecond: 1 } },
  moderation: { attendee: { capacity: 5, perSecond: 0.5 }, host: { capacity: 30, perSecond: 5 } },
  rename: { attendee: { capacity: 2, perSecond: 0.1 }, host: { capacity: 5, perSecond: 0.5 } },
  signal: { attendee: { capacity: 50, perSecond: 25 }, host: { capacity: 50, perSecond: 25 } },
};

/**
 * Refused frames (over budget, or not a valid frame) a participant may send before their socket is
 * closed with {@link POLICY_VIOLATION}: a burst of 20, forgiven at one a second. A client that
 * slows down when told never meets it; a script that keeps flooding does.
 */
export const FLOOD: BucketPolicy = { capacity: 20, perSecond: 1 };
/** WebSocket close code for a flood (RFC 6455 "policy violation"). */
export const POLICY_VIOLATION = 1008;

/** One participant's buckets, by frame class (plus `flood`). Small and JSON-safe: it rides in the socket's attachment. */
export type BudgetBook = Partial<Record<FrameClass | "flood", Bucket>>;

/**
 * Takes one token if there is one. Returns the new bucket and, when refused, how many
 * milliseconds until a token is available.
 */
export function takeToken(
  bucket: Bucket | undefined,
  now: number,
  policy: BucketPolicy,
): { ok: boolean; bucket: Bucket; retryInMs: number } {
  const start = bucket ?? { tokens: policy.capacity, updatedAt: now };
  const elapsed = Math.max(0, now - start.updatedAt) / 1000;
  const tokens = Math.min(policy.capacity, start.tokens + elapsed * policy.perSecond);
  if (tokens >= 1) return { ok: true, bucket: { tokens: tokens - 1, updatedAt: now }, retryInMs: 0 };
  return {
    ok: false,
    bucket: { tokens, updatedAt: now },
    retryInMs: Math.ceil(((1 - tokens) / policy.perSecond) * 1000),
  };
}

/** Spends one frame of `type` from the book. `retryInMs` is set when the frame is over budget. */
export function spendFrame(
  book: BudgetBook,
  type: ClientMessageType,
  role: RoomRole,
  now: number,
): { book: BudgetBook; retryInMs: number | null } {
  const cls = FRAME_CLASS[type];
  const r = takeToken(book[cls], now, BUDGETS[cls][role]);
  return { book: { ...book, [cls]: r.bucket }, retryInMs: r.ok ? null : r.retryInMs };
}

/** Counts one refused frame. `close` is true once the participant keeps flooding past {@link FLOOD}. */
export function countRefusal(book: BudgetBook, now: number): { book: BudgetBook; close: boolean } {
  const r = takeToken(book.flood, now, FLOOD);
  return { book: { ...book, flood: r.bucket }, close: !r.ok };
}
