import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { openReconnectingSocket, type RedialClock, type ReconnectingSocket } from "./reconnecting-socket";

/** A clock the test moves by hand: timers fire only when the test says (no wall-clock waits). */
function handClock() {
  let now = 0;
  const timers: { ms: number; fn: () => void; live: boolean }[] = [];
  const clock: RedialClock = {
    now: () => now,
    after: (ms, fn) => {
      const timer = { ms, fn, live: true };
      timers.push(timer);
      return () => {
        timer.live = false;
      };
    },
  };
  const pending = () => timers.filter((t) => t.live);
  return {
    clock,
    advance: (ms: number) => {
      now += ms;
    },
    /** The waits scheduled and not yet fired or cancelled, in ms. */
    waits: () => pending().map((t) => t.ms),
    /** Fires the pending timer of `ms` (a redial, or a dial's timeout). */
    fire: (ms: number) => {
      const timer = pending().find((t) => t.ms === ms);
      if (!timer) throw new Error(`no pending ${ms} ms timer (pending: ${pending().map((t) => t.ms)})`);
      timer.live = false;
      timer.fn();
    },
  };
}

/** Events from the socket, awaited in order. */
function recorder() {
  const events: string[] = [];
  const waiting: { match: string; resolve: () => void }[] = [];
  const push = (event: string) => {
    events.push(event);
    for (const w of waiting.splice(0))
      if (event.startsWith(w.match)) w.resolve();
      else waiting.push(w);
  };
  const next = (match: string) =>
    new Promise<void>((resolve) => {
      waiting.push({ match, resolve });
    });
  return {
    events,
    next,
    handlers: (onClose?: (code: number) => void) => ({
      open: () => push("open"),
      message: (data: unknown) => push(`message:${String(data)}`),
      close: (code: number) => {
        onClose?.(code);
        push(`close:${code}`);
      },
    }),
  };
}

const PROTOCOLS = ["meetinghouse", "resume.token-1"];
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A room-like server on loopback: records each connection's subprotocol header and messages. */
async function server(accept = () => true) {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", verifyClient: (_info, done) => done(accept(), 503) });
  await new Promise((resolve) => wss.once("listening", resolve));
  const connections: { protocols: string; received: string[]; socket: import("ws").WebSocket }[] = [];
  const waiters: (() => void)[] = [];
  wss.on("connection", (socket, request) => {
    const c = { protocols: String(request.headers["sec-websocket-protocol"]), received: [] as string[], socket };
    socket.on("message", (data) => {
      c.received.push(String(data));
      for (const w of waiters.splice(0)) w();
    });
    connections.push(c);
    for (const w of waiters.splice(0)) w();
  });
  const { port } = wss.address() as { port: number };
  cleanup.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  const until = async (ok: () => boolean) => {
    while (!ok()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { url: `ws://127.0.0.1:${port}/`, connections, until };
}

function track(socket: ReconnectingSocket) {
  cleanup.push(() => socket.close());
  return socket;
}

const OPTIONS = { minDelay: 500, maxDelay: 5_000, connectionTimeout: 8_000 };

describe("the room's reconnecting socket", () => {
  it("after a drop it dials again with the same subprotocols and sends what was queued while down, in order", async () => {
    const room = await server();
    const hand = handClock();
    const rec = recorder();
    const opened = rec.next("open");
    const socket = track(openReconnectingSocket(room.url, PROTOCOLS, OPTIONS, rec.handlers(), hand.clock));
    await opened;
    socket.send("one");
    await room.until(() => room.connections[0]?.received.length === 1);

    const closed = rec.next("close");
    room.connections[0]?.socket.close(1012, "restart");
    await closed;
    expect(rec.events.at(-1)).toBe("close:1012");
    socket.send("two");
    socket.send("three");
    expect(hand.waits()).toEqual([500]);
    const reopened = rec.next("open");
    hand.fire(500);
    await reopened;
    await room.until(() => room.connections[1]?.received.length === 2);
    expect(room.connections.map((c) => c.protocols)).toEqual([PROTOCOLS.join(", "), PROTOCOLS.join(", ")]);
    expect(room.connections.map((c) => c.received)).toEqual([["one"], ["two", "three"]]);
  });

  it("each failed dial in a row waits 1.3× longer up to the cap; a connection that lasted starts again from the minimum", async () => {
    let accepting = false;
    const room = await server(() => accepting);
    const hand = handClock();
    const rec = recorder();
    let closed = rec.next("close");
    track(openReconnectingSocket(room.url, PROTOCOLS, OPTIONS, rec.handlers(), hand.clock));
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      await closed; // the server refused the upgrade
      const [wait] = hand.waits().filter((ms) => ms !== OPTIONS.connectionTimeout);
      if (wait === undefined) throw new Error("no redial scheduled");
      waits.push(Math.round(wait));
      closed = rec.next("close");
      hand.fire(wait);
    }
    expect(waits).toEqual([500, 650, 845, 1099, 1428, 1856, 2413, 3137, 4079, 5000]);

    await closed;
    accepting = true;
    const opened = rec.next("open");
    hand.fire(hand.waits().find((ms) => ms !== OPTIONS.connectionTimeout) ?? -1);
    await opened;
    hand.advance(5_000);
    closed = rec.next("close");
    room.connections[0]?.socket.close(1001);
    await closed;
    expect(hand.waits()).toEqual([500]);
  });

  it("a close from the close handler (a final code: removed, replaced) dials nothing again", async () => {
    const room = await server();
    const hand = handClock();
    const rec = recorder();
    let socket: ReconnectingSocket | null = null;
    const opened = rec.next("open");
    const closed = rec.next("close");
    socket = track(
      openReconnectingSocket(
        room.url,
        PROTOCOLS,
        OPTIONS,
        rec.handlers((code) => {
          if (code === 4003) socket?.close();
        }),
        hand.clock,
      ),
    );
    await opened;
    room.connections[0]?.socket.close(4003, "removed");
    await closed;
    expect(rec.events).toEqual(["open", "close:4003"]);
    expect(hand.waits()).toEqual([]);
  });

  it("close() while waiting to redial cancels the redial", async () => {
    const room = await server(() => false);
    const hand = handClock();
    const rec = recorder();
    const closed = rec.next("close");
    const socket = track(openReconnectingSocket(room.url, PROTOCOLS, OPTIONS, rec.handlers(), hand.clock));
    await closed;
    expect(hand.waits()).toEqual([500]);
    socket.close();
    expect(hand.waits()).toEqual([]);
  });

  it("a dial that never opens is given up at the connection timeout and dialled again", async () => {
    // A TCP listener that never answers the upgrade: the socket stays "connecting".
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as { port: number };
    const hand = handClock();
    const rec = recorder();
    track(openReconnectingSocket(`ws://127.0.0.1:${port}/`, PROTOCOLS, OPTIONS, rec.handlers(), hand.clock));
    expect(hand.waits()).toEqual([8_000]);
    hand.fire(8_000);
    expect(rec.events).toEqual(["close:1006"]);
    expect(hand.waits()).toEqual([500]);
  });
});
