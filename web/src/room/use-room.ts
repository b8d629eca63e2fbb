import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { ClientMessage, ServerMessage } from "#shared/room-protocol";
import { resumeProtocols } from "#shared/room-socket-protocol";
import { forgetRoomSession, type RoomSession } from "../attendee/room-session";
import { takeJoinedSocket } from "./join-socket";
import { parseServerFrame } from "./protocol-client";
import { openReconnectingSocket } from "./reconnecting-socket";
import { socketUrl } from "./room-api";
import { initialRoomView, refusedView, type RoomView, roomReducer, withoutReaction } from "./room-state";

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

/** Close codes after which reconnecting would be wrong: removed or refused (4003), replaced by another tab (4000). */
const FINAL_CLOSE = new Set([4000, 4003]);

/** A refused resume worth retrying (rate limited, or the room's side failing): the seat may still be there. */
const retryable = (status: number) => status === 429 || status >= 500;

/** What the hook sends on and closes: the join's own socket, then the reconnecting one. */
type RoomSocket = { send: (data: string) => void; close: (code?: number, reason?: string) => void };

/**
 * The live room. The first socket is the one the join opened (see join-socket.ts: one round trip,
 * already answered); after a drop or a reload, a socket that reconnects by itself offers the
 * room session token (`resume.<token>` subprotocol), so the room sees the same participant again
 * (no duplicate roster entry) in one round trip. A refused resume arrives as `join.refused` and a
 * close. Every frame is validated against the shared protocol's schema (see frame-check.ts)
 * before it reaches the reducer.
 */
export function useRoom(session: RoomSession) {
  const [view, dispatch] = useReducer(reduce, initialRoomView);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const socketRef = useRef<RoomSocket | null>(null);
  const finishedRef = useRef(false);
  /** Who else reads frames (the voice connection takes its session descriptions here). */
  const listenersRef = useRef(new Set<(msg: ServerMessage) => void>());

  useEffect(() => {
    finishedRef.current = false;
    let current: RoomSocket | null = null;
    // Set by a refusal worth retrying: the close that follows it is not final.
    let retryLater = false;
    const finish = () => {
      finishedRef.current = true;
      current?.close();
      setConnection("closed");
    };
    const onMessage = (data: unknown) => {
      const msg = parseServerFrame(data);
      if (!msg) return; // A frame we cannot trust changes nothing.
      if (msg.type === "join.refused" && retryable(msg.status)) {
        retryLater = true;
        return;
      }
      dispatch({ kind: "server", msg });
      for (const listen of listenersRef.current) listen(msg);
      if (msg.type === "removed" || msg.type === "ended") forgetRoomSession(session.occurrenceId);
      if (msg.type === "removed" || msg.type === "ended" || msg.type === "join.refused") finish();
    };
    const onClose = (code: number) => {
      if (FINAL_CLOSE.has(code) && !retryLater && !finishedRef.current) {
        if (code === 4000) dispatch({ kind: "refused", code: "replaced" });
        finish();
      }
      retryLater = false;
      if (!finishedRef.current) setConnection("reconnecting");
    };
    const resume = () => {
      current = socketRef.current = openReconnectingSocket(
        socketUrl(session.wsUrl),
        resumeProtocols(session.sessionToken),
        { minDelay: 500, maxDelay: 5_000, connectionTimeout: 8_000 },
        { open: () => setConnection("open"), close: onClose, message: onMessage },
      );
    };
    const joined = takeJoinedSocket(session.occurrenceId);
    if (joined) {
      const { socket, backlog } = joined;
      current = socketRef.current = socket;
      setConnection("open");
      socket.addEventListener("message", (event) => onMessage(event.data));
      socket.addEventListener("close", (event) => {
        onClose(event.code);
        if (!finishedRef.current) resume();
      });
      for (const data of backlog) onMessage(data);
    } else {
      resume();
    }
    return () => {
      finishedRef.current = true;
      current?.close();
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
