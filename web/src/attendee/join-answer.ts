import type { ServerMessage } from "#shared/room-protocol";
import { ApiFailure } from "./api-failure";

type Joined = Extract<ServerMessage, { type: "joined" }>;

/** The seat a one-round-trip join hands the room page (the `joined` frame, without its type). */
export type JoinedSeat = Omit<Joined, "type">;

/**
 * What a join socket's first frame says: the seat, the refusal as the `POST /join` would have
 * answered it (status, code, Retry-After, attempts left: the join form reads both the same way),
 * or null for any other frame (the socket's owner keeps waiting, or gives up on close).
 */
export function joinAnswer(
  msg: ServerMessage,
): { kind: "joined"; seat: JoinedSeat } | { kind: "refused"; failure: ApiFailure } | null {
  if (msg.type === "joined") {
    const { type: _type, ...seat } = msg;
    return { kind: "joined", seat };
  }
  if (msg.type === "join.refused")
    return {
      kind: "refused",
      failure: new ApiFailure(
        msg.status,
        { code: msg.code, message: msg.message },
        msg.retryAfterSeconds ? String(msg.retryAfterSeconds) : null,
        msg.attemptsLeft ?? null,
      ),
    };
  return null;
}
