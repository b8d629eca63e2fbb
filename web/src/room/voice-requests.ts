/**
 * Which of my voice requests a frame from the room answers. Every voice frame this page sends carries
 * a request id `<page>.<connection>.<n>`; the room echoes it on the answer or refusal (`requestId`),
 * and names the `voice.join` that opened the session on each `voice.offer` for it (`joinId`). So a
 * late frame for an earlier connection (an answer, offer or refusal from before a listen-only
 * reconnect) is dropped, and only the unmute's own answer or refusal settles the unmute.
 */

/** What a frame from the room names: the request it answers, or the join its offer is for. */
export type Named = { requestId?: string; joinId?: string };

/**
 * Refusals of a frame the room could not read: they name no request, so one that comes while an
 * unmute waits may be that unmute's (its description too large for a frame, say).
 */
const UNREADABLE = new Set(["frame_too_large", "invalid_json", "invalid_message"]);

export class VoiceRequests {
  /** Random per page, so ids from an earlier page of mine (a reload) never match this one's. */
  readonly #page: string;
  #connection = 0;
  #sent = 0;

  constructor(page = Math.random().toString(36).slice(2, 8)) {
    this.#page = page;
  }

  /** A new connection ("Join audio", or the listen-only reconnect): every earlier id is stale. */
  newConnection(): void {
    this.#connection += 1;
    this.#sent = 0;
  }

  /** The id for the next request on the current connection. */
  next(): string {
    this.#sent += 1;
    return `${this.#page}.${this.#connection}.${this.#sent}`;
  }

  /**
   * Whether a frame is for the current connection: it names a request minted for it, or names none
   * (a frame no request of mine asked for, or a room from before request ids).
   */
  isCurrent(frame: Named): boolean {
    const id = frame.requestId ?? frame.joinId;
    return id === undefined || id.startsWith(`${this.#page}.${this.#connection}.`);
  }
}

/** Whether an answer settles the request `id` (an answer naming no request is from a room before request ids). */
export function isAnswerTo(frame: Named, id: string): boolean {
  return frame.requestId === undefined || frame.requestId === id;
}

/** Whether a refusal is the request `id`'s: it names it, or it names none because its frame was unreadable. */
export function isRefusalOf(frame: Named & { code: string }, id: string): boolean {
  return frame.requestId === undefined ? UNREADABLE.has(frame.code) : frame.requestId === id;
}
