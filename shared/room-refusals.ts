/**
 * Every way the room says no, each code with the one HTTP status it answers with. The socket's
 * `error` frame carries the code; the HTTP join, rejoin, socket upgrade and the chat and moderation
 * mirrors answer the status. No imports: the web app may read it too.
 */
export const ROOM_REFUSALS = {
  // A frame the room cannot read.
  frame_too_large: 413,
  invalid_json: 400,
  invalid_message: 400,
  // Budgets (budgets.ts).
  rate_limited: 429,
  // Who may act, and on whom (moderation.ts `authorize`).
  not_admitted: 403,
  forbidden: 403,
  no_participant: 404,
  target_is_host: 403,
  not_waiting: 403,
  already_host: 403,
  not_host: 403,
  // What an action finds (handlers, chat and slip rules).
  not_found: 404,
  not_live: 409,
  /** "Resume meeting" without a "suspend all" before it. */
  not_suspended: 409,
  not_supported: 501,
  invalid_name: 403,
  chat_off: 403,
  chat_hosts_only: 403,
  muted: 403,
  no_request: 403,
  not_connected: 403,
  // The voice (worker/voice/): the floor rules (floor.ts), then the SFU.
  muted_by_host: 403,
  no_floor: 403,
  host_only: 403,
  wrong_mode: 409,
  voice_not_joined: 409,
  already_speaking: 409,
  no_offer: 409,
  voice_refused: 502,
  voice_unavailable: 503,
  // A host's join that would start the occurrence outside its window (shared/occurrence-lifecycle.ts).
  too_early: 409,
  past: 409,
  invalid_state: 409,
  // The join gate (gate.ts) and the room's door.
  banned: 403,
  removed: 403,
  bad_passcode: 401,
  room_locked: 403,
  room_full: 409,
  name_taken: 409,
  too_many_guesses: 429,
  challenge_required: 428,
  challenge_used: 403,
  bad_challenge: 403,
  challenge_expired: 403,
  ticket_used: 401,
} as const;

export type RoomRefusalCode = keyof typeof ROOM_REFUSALS;
export type RoomRefusalStatus = (typeof ROOM_REFUSALS)[RoomRefusalCode];
export const ROOM_REFUSAL_CODES = Object.keys(ROOM_REFUSALS) as [RoomRefusalCode, ...RoomRefusalCode[]];

/** A refusal as the rules return it: the status follows from the code (`refusalStatus`). */
export type Refusal = { code: RoomRefusalCode; message: string };

export const refusal = (code: RoomRefusalCode, message: string): Refusal => ({ code, message });

/** The HTTP status a refusal answers with. */
export function refusalStatus(code: RoomRefusalCode): RoomRefusalStatus {
  return ROOM_REFUSALS[code];
}
