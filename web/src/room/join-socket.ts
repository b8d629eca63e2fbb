import { joinProtocols } from "#shared/room-socket-protocol";
import { deviceKey } from "../attendee/device-key";
import { type JoinedSeat, joinAnswer } from "../attendee/join-answer";
import { parseServerFrame } from "./protocol-client";
import { roomSocketPath, socketUrl } from "./room-api";

/** A seat's socket, open and answered, waiting for the room page to take it (frames since `joined` kept in order). */
type Handoff = { socket: WebSocket; backlog: unknown[]; stop: () => void };
const handoffs = new Map<string, Handoff>();

/** The join failed without an answer from the room (the socket never opened, or closed first). */
export class JoinUnanswered extends Error {
  constructor() {
    super("The room did not answer the join");
  }
}

/**
 * Joins in one round trip: opens the room's socket offering the `POST /join` body as the
 * `join.<request>` subprotocol (the name, passcode, device key and solved challenge never go in a
 * URL). Resolves with the seat once the room sends `joined` and keeps the open socket for the room
 * page (`takeJoinedSocket`); rejects with the gate's refusal as an ApiFailure (the same status,
 * code, attempts left and Retry-After the HTTP join answers), or JoinUnanswered.
 */
export function joinOverSocket(
  occurrenceId: string,
  displayName: string,
  passcode: string | undefined,
  altcha?: string,
): Promise<JoinedSeat & { wsUrl: string }> {
  const device = deviceKey();
  const request = {
    displayName,
    ...(passcode ? { passcode } : {}),
    ...(device ? { deviceKey: device } : {}),
    ...(altcha ? { altcha } : {}),
  };
  const wsUrl = roomSocketPath(occurrenceId);
  // A join from an earlier attempt still waiting for its page is given up: one seat per tab.
  dropJoinedSocket(occurrenceId);
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(socketUrl(wsUrl), joinProtocols(request));
    const backlog: unknown[] = [];
    let answered = false;
    const onMessage = (event: MessageEvent) => {
      if (answered) {
        backlog.push(event.data);
        return;
      }
      const msg = parseServerFrame(event.data);
      const answer = msg ? joinAnswer(msg) : null;
      if (!answer) return;
      answered = true;
      if (answer.kind === "refused") {
        stop();
        socket.close();
        reject(answer.failure);
        return;
      }
      handoffs.set(occurrenceId, { socket, backlog, stop });
      resolve({ ...answer.seat, wsUrl });
    };
    const onClose = () => {
      stop();
      if (handoffs.get(occurrenceId)?.socket === socket) handoffs.delete(occurrenceId);
      if (!answered) reject(new JoinUnanswered());
    };
    const stop = () => {
      socket.removeEventListener("message", onMessage);
      socket.removeEventListener("close", onClose);
    };
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", onClose);
  });
}

/**
 * The room page takes the socket its join opened (once): the frames that came meanwhile, then it
 * listens itself. Null after a reload or when that socket has closed: the page resumes instead.
 */
export function takeJoinedSocket(occurrenceId: string): { socket: WebSocket; backlog: unknown[] } | null {
  const handoff = handoffs.get(occurrenceId);
  handoffs.delete(occurrenceId);
  if (!handoff) return null;
  handoff.stop();
  if (handoff.socket.readyState !== WebSocket.OPEN) return null;
  return { socket: handoff.socket, backlog: handoff.backlog };
}

function dropJoinedSocket(occurrenceId: string): void {
  takeJoinedSocket(occurrenceId)?.socket.close(1000, "left");
}
