/**
 * The development SFU's HTTP side: the subset of Cloudflare Realtime SFU's HTTPS API the room uses
 * (sessions/new, tracks/new, renegotiate, tracks/close, GET session) under `/v1/apps/<appId>/`,
 * answering only a `Bearer <app secret>`, and Realtime TURN's credentials request
 * (`/v1/turn/keys/<key id>/credentials/generate-ice-servers`, `Bearer <key API token>`), answered in
 * Cloudflare's shape with no servers: on loopback there is nothing to relay and no STUN server.
 * `GET /v1/dev/calls` (app secret) counts the API calls by operation, for the voice bench.
 * Listens on loopback only. Never part of the Worker bundle.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DevSfu, type Sdp, SfuError } from "./sfu.ts";

export type DevSfuOptions = { appId: string; secret: string; port?: number; turn?: { keyId: string; token: string } };
export type RunningDevSfu = { baseUrl: string; port: number; sfu: DevSfu; stop: () => Promise<void> };

const MAX_BODY = 256 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SfuError(413, "body too large");
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (typeof value !== "object" || value === null) throw new Error("not an object");
    return value as Record<string, unknown>;
  } catch {
    throw new SfuError(400, "body is not a JSON object");
  }
}

function sdpOf(value: unknown): Sdp | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value as Partial<Sdp>;
  if ((v.type !== "offer" && v.type !== "answer") || typeof v.sdp !== "string")
    throw new SfuError(400, "invalid sessionDescription");
  return { type: v.type, sdp: v.sdp };
}

type TrackRequest = { location?: unknown; mid?: unknown; trackName?: unknown; sessionId?: unknown };

/** The TURN credentials request: a TTL in seconds, answered 201 like Cloudflare, with no servers here. */
async function turnCredentials(req: IncomingMessage): Promise<{ iceServers: never[] }> {
  if (req.method !== "POST") throw new SfuError(404, "not found");
  const ttl = (await readJson(req)).ttl;
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 1) throw new SfuError(400, "ttl: seconds required");
  return { iceServers: [] };
}

function authorized(req: IncomingMessage, secret: string): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  const wanted = Buffer.from(`Bearer ${secret}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

async function route(sfu: DevSfu, appId: string, req: IncomingMessage): Promise<unknown> {
  const url = new URL(req.url ?? "/", "http://sfu.invalid");
  const prefix = `/v1/apps/${appId}/sessions/`;
  if (!url.pathname.startsWith(prefix)) throw new SfuError(404, "not found");
  const [sessionId, ...rest] = url.pathname.slice(prefix.length).split("/");
  const action = rest.join("/");
  const body = req.method === "GET" ? {} : await readJson(req);
  if (sessionId === "new" && action === "" && req.method === "POST")
    return sfu.newSession(sdpOf(body.sessionDescription));
  const session = sfu.session(sessionId);
  if (action === "" && req.method === "GET") return sfu.describe(session);
  if (action === "renegotiate" && req.method === "PUT") {
    const answer = sdpOf(body.sessionDescription);
    if (!answer) throw new SfuError(400, "sessionDescription required");
    await sfu.renegotiate(session, answer);
    return {};
  }
  const tracks = Array.isArray(body.tracks) ? (body.tracks as TrackRequest[]) : null;
  if (!tracks || tracks.length === 0 || tracks.length > 64) throw new SfuError(400, "tracks: 1 to 64 entries");
  if (action === "tracks/new" && req.method === "POST") {
    const local = tracks.filter((t) => t.location === "local");
    const remote = tracks.filter((t) => t.location === "remote");
    if (local.length && remote.length) throw new SfuError(400, "push and pull in separate calls");
    if (local.length) {
      const offer = sdpOf(body.sessionDescription);
      if (!offer) throw new SfuError(400, "pushing tracks needs an offer");
      return {
        requiresImmediateRenegotiation: false,
        ...(await sfu.pushTracks(
          session,
          offer,
          local.map((t) => ({ mid: String(t.mid), trackName: String(t.trackName) })),
        )),
      };
    }
    return sfu.pullTracks(
      session,
      remote.map((t) => ({ sessionId: String(t.sessionId), trackName: String(t.trackName) })),
    );
  }
  if (action === "tracks/close" && req.method === "PUT") {
    return {
      requiresImmediateRenegotiation: false,
      tracks: sfu.closeTracks(
        session,
        tracks.map((t) => String(t.mid)),
      ),
    };
  }
  throw new SfuError(404, "not found");
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startDevSfu(options: DevSfuOptions): Promise<RunningDevSfu> {
  const sfu = new DevSfu();
  const calls: Record<string, number> = {};
  const turnPath = options.turn ? `/v1/turn/keys/${options.turn.keyId}/credentials/generate-ice-servers` : null;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://sfu.invalid").pathname;
    const isTurn = turnPath !== null && path === turnPath;
    if (!authorized(req, isTurn ? (options.turn?.token ?? "") : options.secret))
      return reply(res, 401, { errorCode: "unauthorized", errorDescription: "Bearer secret required" });
    if (path === "/v1/dev/calls" && req.method === "GET") return reply(res, 200, calls);
    if (path === "/v1/dev/health" && req.method === "GET") return reply(res, 200, sfu.health());
    const operation = `${req.method} ${isTurn ? "turn" : path.replace(/^\/v1\/apps\/[^/]+\/sessions\/(new|[^/]+)/, (_m, id) => (id === "new" ? "sessions/new" : "sessions/:id"))}`;
    calls[operation] = (calls[operation] ?? 0) + 1;
    (isTurn ? turnCredentials(req) : route(sfu, options.appId, req)).then(
      (body) => reply(res, isTurn ? 201 : 200, body),
      (err: unknown) =>
        reply(res, err instanceof SfuError ? err.status : 500, {
          errorCode: err instanceof SfuError ? "bad_request" : "internal",
          errorDescription: err instanceof Error ? err.message : "error",
        }),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    sfu,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sfu.close();
    },
  };
}
