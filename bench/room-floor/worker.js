// The platform floor for bench/room.mjs: the least a Durable Object can do to fan a chat message
// out over hibernatable WebSockets (parse the frame, stamp it, serialize once, send to everyone).
// No gate, storage, rate limits or roster: the difference to the real room is what those cost.
import { DurableObject } from "cloudflare:workers";

export class FloorRoom extends DurableObject {
  #sockets = null;

  async fetch() {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    this.#sockets = null;
    server.send(JSON.stringify({ type: "welcome" }));
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(_ws, raw) {
    const frame = JSON.parse(String(raw));
    if (frame.type !== "chat.send" || typeof frame.text !== "string") return;
    const text = JSON.stringify({
      type: "chat.message",
      message: { id: crypto.randomUUID(), participantId: "p", name: "C0", text: frame.text, at: Date.now() },
    });
    this.#sockets ??= this.ctx.getWebSockets();
    for (const ws of this.#sockets) ws.send(text);
  }

  webSocketClose() {
    this.#sockets = null;
  }
}

export default {
  fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return new Response("ok");
    const room = url.searchParams.get("room") ?? "floor";
    return env.FLOOR.get(env.FLOOR.idFromName(room)).fetch(request);
  },
};
