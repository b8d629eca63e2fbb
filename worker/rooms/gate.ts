import { EARLY_JOIN_MS, isJoinOpen } from "#shared/join-window";
import { type OccurrenceStatus, startRefusal } from "#shared/occurrence-lifecycle";
import type { RoomRole } from "#shared/room-protocol";
import { type RoomRefusalCode, type RoomRefusalStatus, refusalStatus } from "#shared/room-refusals";

/** Attendees may enter this long before the scheduled start (the rule lives in shared/join-window.ts). */
export { EARLY_JOIN_MS };
/** Wrong passcode guesses one connecting network (IPv6: its /64) gets per window before a 429. */
export const GUESSES_PER_ADDRESS = 5;
export const GUESS_WINDOW_MS = 15 * 60_000;
/**
 * Wrong guesses in the whole room (from any network) within the room window after which every
 * passcode joiner first solves a proof-of-work challenge. Never a lockout: whoever solves it is
 * evaluated normally, so a script cannot keep the door shut; it pays the work for every guess.
 */
export const CHALLENGE_AFTER_ROOM_FAILURES = 10;
export const ROOM_GUESS_WINDOW_MS = 10 * 60_000;

/** The meeting facts the gate needs, loaded from D1 into the room. */
export type GateConfig = {
  status: OccurrenceStatus;
  startsAt: number;
  endsAt: number;
  hasPasscode: boolean;
  waitingRoom: boolean;
  capacity: number | null;
};

export type JoinRefusal = {
  ok: false;
  status: RoomRefusalStatus;
  code: RoomRefusalCode;
  message: string;
  retryAfterSeconds?: number;
};
export type JoinDecision = { ok: true; role: RoomRole; waiting: boolean; startsOccurrence: boolean } | JoinRefusal;

const refuse = (code: RoomRefusalCode, message: string, retryAfterSeconds?: number): JoinRefusal => ({
  ok: false,
  status: refusalStatus(code),
  code,
  message,
  ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
});

/** Is the room open to attendees now: live, or scheduled and within the early-join window? */
export function isOpenToAttendees(config: GateConfig, now: number): boolean {
  return isJoinOpen(config, now);
}

/**
 * Passcode guess limits, checked before any (slow) passcode hash is computed. `wrongByAddress` and
 * `wrongInRoom` are the timestamps of recent wrong guesses from this network and from anyone.
 * Only the guessing network is ever refused (429); a room under attack asks everyone for a solved
 * challenge instead (428), which a person who is not guessing pays once.
 */
export function guessLimit(
  wrongByAddress: readonly number[],
  wrongInRoom: readonly number[],
  now: number,
  challengeSolved: boolean,
): JoinRefusal | null {
  const mine = wrongByAddress.filter((at) => at > now - GUESS_WINDOW_MS).sort((a, b) => a - b);
  if (mine.length >= GUESSES_PER_ADDRESS) {
    const freesAt = (mine[mine.length - GUESSES_PER_ADDRESS] ?? now) + GUESS_WINDOW_MS;
    return refuse(
      "too_many_guesses",
      "Too many wrong passcodes; try again later",
      Math.max(1, Math.ceil((freesAt - now) / 1000)),
    );
  }
  const room = wrongInRoom.filter((at) => at > now - ROOM_GUESS_WINDOW_MS).length;
  if (room >= CHALLENGE_AFTER_ROOM_FAILURES && !challengeSolved) {
    return refuse("challenge_required", "This meeting sees many wrong passcodes: solve the check, then join");
  }
  return null;
}

export type JoinFacts = {
  config: GateConfig;
  now: number;
  /** The room has been ended (by a host or the occurrence's end). */
  ended: boolean;
  locked: boolean;
  /** Participants currently in the room or its waiting room. */
  present: number;
  wantsHost: boolean;
  banned: boolean;
  removed: boolean;
  /** A host banned or removed someone during this occurrence: new attendees wait to be admitted. */
  guarded: boolean;
  /** "none": the meeting has no passcode, or the joiner is a host (hosts skip it). */
  passcode: "none" | "right" | "wrong";
};

/**
 * The join decision. Hosts (signed-in hosts/admins of the group) skip the passcode, the lock, the
 * capacity and the waiting room; they enter a live occurrence any time, and a scheduled one only
 * inside its start window (shared/occurrence-lifecycle.ts), which their join then starts. Order matters: a closed room says so before anything else; bans before passcodes.
 */
export function decideJoin(f: JoinFacts): JoinDecision {
  const closed = f.ended || f.config.status === "ended" || f.config.status === "cancelled";
  if (closed) return refuse("not_live", "This meeting is not in session");
  if (f.wantsHost) {
    if (f.config.status === "live") return { ok: true, role: "host", waiting: false, startsOccurrence: false };
    // A host's join starts the occurrence, so it obeys the same window as `POST /start`.
    const early = startRefusal(f.config, f.now);
    if (early) return refuse(early.code, early.message);
    return { ok: true, role: "host", waiting: false, startsOccurrence: true };
  }
  if (!isOpenToAttendees(f.config, f.now)) return refuse("not_live", "This meeting is not in session");
  if (f.banned) return refuse("banned", "You cannot join this meeting");
  if (f.removed) return refuse("removed", "You were removed from this meeting");
  if (f.passcode === "wrong") return refuse("bad_passcode", "Wrong passcode");
  if (f.locked) return refuse("room_locked", "The host has locked this meeting");
  if (f.config.capacity !== null && f.present >= f.config.capacity) return refuse("room_full", "This meeting is full");
  return { ok: true, role: "attendee", waiting: f.config.waitingRoom || f.guarded, startsOccurrence: false };
}
