/** What the join form tells a person for each answer of the room's gate (keys of the attendee strings). */
export type GateMessage =
  | { key: "join.error.badPasscode"; attemptsLeft: number | null }
  | { key: "join.error.locked" }
  | { key: "join.error.removed" }
  | { key: "join.error.banned" }
  | { key: "join.error.full" }
  | { key: "join.error.notLive" }
  | { key: "join.error.tooMany"; retryAfterSeconds: number }
  | { key: "join.error.invalid"; field: string | null }
  | { key: "join.error.challenge" }
  | { key: "join.error.challengeFailed" }
  | { key: "join.error.nameTaken" }
  | { key: "join.error.generic" };

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); 60 when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (!header) return 60;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(1, Math.ceil((at - now) / 1000)) : 60;
}

/** Maps a refused join (HTTP status, error code, Retry-After) to the message the person sees. */
export function gateMessage(
  status: number,
  code: string,
  retryAfter: string | null,
  issues?: { path: string }[],
  attemptsLeft: number | null = null,
): GateMessage {
  if (status === 429) return { key: "join.error.tooMany", retryAfterSeconds: retryAfterSeconds(retryAfter) };
  switch (code) {
    case "bad_passcode":
      return { key: "join.error.badPasscode", attemptsLeft };
    case "room_locked":
      return { key: "join.error.locked" };
    case "removed":
      return { key: "join.error.removed" };
    case "banned":
      return { key: "join.error.banned" };
    case "room_full":
      return { key: "join.error.full" };
    case "not_live":
      return { key: "join.error.notLive" };
    case "challenge_required":
      return { key: "join.error.challenge" };
    case "bad_challenge":
    case "challenge_expired":
    case "challenge_used":
      return { key: "join.error.challengeFailed" };
    case "name_taken":
      return { key: "join.error.nameTaken" };
    case "invalid_request":
      return { key: "join.error.invalid", field: issues?.[0]?.path.split(".").at(-1) ?? null };
    default:
      return { key: "join.error.generic" };
  }
}
