import ReconnectingWebSocket from "partysocket/ws";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { ClientMessage, ServerMessage } from "#shared/room-protocol";
import { forgetRoomSession, type RoomSession, saveRoomSession } from "../attendee/room-session";
import { roomProtocols } from "#shared/room-socket-protocol";
import { matches } from "./frame-check";
import { freshTicket, RejoinRefused, socketUrl } from "./room-api";
import { initialRoomView, refusedView, type RoomView, roomReducer, withoutReaction } from "./room-state";
import { SERVER_MESSAGE_SCHEMA } from "./protocol-client";

/** Validates one server frame against the schema generated from the shared zod `ServerMessage`. */
function parseFrame(data: unknown): ServerMessage | null {
  try {
    const json: unknown = JSON.parse(String(data));
    return matches(SERVER_MESSAGE_SCHEMA, json) ? (json as ServerMessage) : null;
  } catch {
    return null;
  }
}

/** The socket as the person should understand it: the banner shows "reconnecting". */
export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

type Action =
  | { kind: "server"; msg: ServerMessage }
  | { kind: "dropReaction"; key: number }
  | { kind: "refused"; code: string };

function reduce(view: RoomView, action: Action): RoomView {
  switch (action.kind) {
    case "server":
      return roomReducer(view, action.msg);
    case "dropReaction":
      return withoutReaction(view, action.key);
    case "refused":
      return refusedView(view, action.code);
    default:
      return action satisfies never;
  }
}

/** Join tickets already used in this tab (single use; an effect re-run must not present one twice). */
const spentTickets = new Set<string>();

/** Close codes after which reconnecting would be wrong: removed (4003), replaced by another tab (4000). */
const FINAL_CLOSE = new Set([4000, 4003]);

/**
 * The live room over a partysocket that reconnects by itself. The first connection spends the
 * join's single-use ticket (offered as a WebSocket subprotocol); every reconnect trades the room session token for a fresh one, so the
 * room sees the same participant again (no duplicate roster entry). Every frame is validated
 * against the shared protocol's schema (see frame-check.ts) before it reaches the reducer.
 */
export function useRoom(session: RoomSession) {
  const [view, dispatch] = useReducer(reduce, initialRoomView);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const socketRef = useRef<ReconnectingWebSocket | null>(null);
  const finishedRef = useRef(false);
  /** Who else reads frames (the voice connection takes its session descriptions here). */
  const listenersRef = useRef(new Set<(msg: ServerMessage) => void>());

  useEffect(() => {
    finishedRef.current = false;
    let disposed = false;
    const finish = () => {
      finishedRef.current = true;
      socket.close();
      setConnection("closed");
    };
    // The ticket travels as a subprotocol, never in the URL (URLs end up in traces).
    const nextProtocols = async (): Promise<string[]> => {
      // A reconnect already queued when the room closed for good must not ask for a ticket.
      if (disposed || finishedRef.current) throw new Error("room closed");
      if (session.ticket && !spentTickets.has(session.ticket)) {
        spentTickets.add(session.ticket);
        saveRoomSession({ ...session, ticket: null });
        return roomProtocols(session.ticket);
      }
      try {
        return roomProtocols((await freshTicket(session)).ticket);
      } catch (err) {
        if (err instanceof RejoinRefused && err.status >= 400 && err.status < 500 && err.status !== 429) {
          dispatch({ kind: "refused", code: err.code });
          finish();
        }
        throw err;
      }
    };
    const socket = new ReconnectingWebSocket(socketUrl(session.wsUrl), nextProtocols, {
      minReconnectionDelay: 500,
      maxReconnectionDelay: 5_000,
      connectionTimeout: 8_000,
    });
    socketRef.current = socket;
    socket.addEventListener("open", () => setConnection("open"));
    socket.addEventListener("close", (event) => {
      if (FINAL_CLOSE.has(event.code) && !finishedRef.current) {
        if (event.code === 4000) dispatch({ kind: "refused", code: "replaced" });
        finish();
      }
      if (!finishedRef.current) setConnection("reconnecting");
    });
    socket.addEventListener("message", (event) => {
      const msg = parseFrame(event.data);
      if (!msg) return; // A frame we cannot trust changes nothing.
      dispatch({ kind: "server", msg });
      for (const listen of listenersRef.current) listen(msg);
      if (msg.type === "removed" || msg.type === "ended") {
        forgetRoomSession(session.occurrenceId);
        finish();
      }
    });
    return () => {
      disposed = true;
      finishedRef.current = true;
      socket.close();
    };
  }, [session]);

  const send = useCallback((message: ClientMessage) => {
    socketRef.current?.send(JSON.stringify(message));
  }, []);

  const leave = useCallback(() => {
    finishedRef.current = true;
    socketRef.current?.close(1000, "left");
    forgetRoomSession(session.occurrenceId);
  }, [session.occurrenceId]);

  const dropReaction = useCallback((key: number) => dispatch({ kind: "dropReaction", key }), []);

  const listen = useCallback((fn: (msg: ServerMessage) => void) => {
    listenersRef.current.add(fn);
    return () => {
      listenersRef.current.delete(fn);
    };
  }, []);

  return { view, connection, send, leave, dropReaction, listen };
}
export type RoomHandle = ReturnType<typeof useRoom>;
