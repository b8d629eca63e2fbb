/** How the room's socket dials again after a drop (milliseconds). */
export type RedialOptions = {
  /** The wait before the first redial; each failed dial in a row waits 1.3 times longer, up to maxDelay. */
  minDelay: number;
  maxDelay: number;
  /** A dial not open by then is given up and dialled again. */
  connectionTimeout: number;
  /** A connection that stayed open this long starts the waits from minDelay again (default 5 s). */
  minUptime?: number;
};

export type SocketHandlers = {
  open: () => void;
  message: (data: unknown) => void;
  /** After every drop or failed dial, before the next dial; calling `close()` here stops redialling. */
  close: (code: number) => void;
};

/** The clock and timers the socket waits on; tests pass their own so nothing waits on the wall clock. */
export type RedialClock = {
  now: () => number;
  /** Runs `fn` after `ms`; returns a cancel. */
  after: (ms: number, fn: () => void) => () => void;
};

const wallClock: RedialClock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

const GROWTH = 1.3;
/** The close code reported for a dial that failed or timed out (the browser's "closed abnormally"). */
const ABNORMAL = 1006;

export type ReconnectingSocket = {
  /** Sends now if open, else once the next dial opens (in order). */
  send: (data: string) => void;
  /** Closes for good: nothing is dialled again. */
  close: (code?: number, reason?: string) => void;
};

/**
 * A WebSocket that dials again by itself after a drop, offering the same subprotocols each time,
 * with growing waits between failed dials; what is sent while it is down goes out on the next open.
 * (The few lines of partysocket the room used, without its ~2 KB in the attendee's download.)
 */
export function openReconnectingSocket(
  url: string,
  protocols: string[],
  options: RedialOptions,
  on: SocketHandlers,
  clock: RedialClock = wallClock,
): ReconnectingSocket {
  const minUptime = options.minUptime ?? 5_000;
  const queue: string[] = [];
  let ws: WebSocket | null = null;
  let failures = 0;
  let openedAt: number | null = null;
  let cancelWait: (() => void) | null = null;
  let closed = false;

  const detach = (socket: WebSocket) => {
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
  };

  const dropped = (socket: WebSocket, code: number) => {
    if (socket !== ws) return;
    detach(socket);
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close();
    ws = null;
    const lasted = openedAt !== null && clock.now() - openedAt >= minUptime;
    failures = lasted ? 1 : failures + 1; // drops in a row without a connection that lasted
    openedAt = null;
    on.close(code);
    if (closed) return;
    const wait = Math.min(options.maxDelay, options.minDelay * GROWTH ** (failures - 1));
    cancelWait = clock.after(wait, dial);
  };

  function dial() {
    cancelWait = null;
    if (closed) return;
    const socket = new WebSocket(url, protocols);
    ws = socket;
    const cancelTimeout = clock.after(options.connectionTimeout, () => dropped(socket, ABNORMAL));
    socket.onopen = () => {
      cancelTimeout();
      openedAt = clock.now();
      for (const data of queue.splice(0)) socket.send(data);
      on.open();
    };
    socket.onmessage = (event) => on.message(event.data);
    socket.onclose = (event) => {
      cancelTimeout();
      dropped(socket, event.code);
    };
    // A failed connection: browsers follow with a close (1006), some runtimes do not; either way it is a drop.
    socket.onerror = () => {
      cancelTimeout();
      dropped(socket, ABNORMAL);
    };
  }

  dial();
  return {
    send(data) {
      if (ws?.readyState === WebSocket.OPEN) ws.send(data);
      else queue.push(data);
    },
    close(code, reason) {
      closed = true;
      cancelWait?.();
      cancelWait = null;
      const socket = ws;
      ws = null;
      if (!socket) return;
      detach(socket);
      socket.close(code, reason);
    },
  };
}
