// A voice participant as bench:voice drives it, in Node with werift (no browser): the room's real
// HTTP join and WebSocket, joining audio as the web app does, and a clock of the first RTP packet
// after a mark. Times are wall-clock milliseconds (`now()`), comparable across the bench's processes.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from "werift";
import WebSocket from "ws";

export { MediaStreamTrack };

/** Wall-clock milliseconds with sub-millisecond resolution: the same clock in every process on this machine. */
export const now = () => performance.timeOrigin + performance.now();

/** Waits for a condition driven by network events, failing past `limitMs`. */
export async function until(check, what, limitMs = 60_000) {
  const deadline = now() + limitMs;
  while (!check()) {
    if (now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(5);
  }
}

const OPUS = () =>
  new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48_000, channels: 2, payloadType: 111 });

/** A werift peer that reaches the loopback SFU (no public STUN, loopback candidates on). */
export function peer() {
  return new RTCPeerConnection({
    codecs: { audio: [OPUS()] },
    iceServers: [],
    iceAdditionalHostAddresses: ["127.0.0.1"],
    iceUseIpv4: true,
    iceUseIpv6: false,
  });
}

/**
 * werift's DTLS client fails for good on a second HelloVerifyRequest, which a DTLS server sends when
 * the client, slow to hear back (a loaded box), retransmitted its ClientHello; a browser ignores the
 * repeat. The development SFU is the DTLS server, so these peers are clients: they drop the repeat
 * before their DTLS sees it. Call once the peer's offer is set (its transports exist then).
 */
export function ignoreRepeatedHelloVerify(pc) {
  for (const transport of pc.dtlsTransports) {
    const data = transport.iceTransport.connection.onData;
    const execute = data.execute;
    let seen = false;
    data.execute = (buf) => {
      // A plaintext DTLS handshake record (content type 22) carrying message type 3.
      const helloVerify = buf[0] === 22 && buf[13] === 3;
      if (helloVerify && seen) return;
      seen ||= helloVerify;
      execute(buf);
    };
  }
}

/**
 * Sends generated Opus-sized RTP every `intervalMs` (20 ms: one Opus frame, as a microphone does)
 * into whichever track is current. The timestamp advances by the interval's worth of 48 kHz samples.
 */
export function rtpSource(intervalMs = 20) {
  let seq = 0;
  let track = null;
  const timer = setInterval(() => {
    if (!track) return;
    seq = (seq + 1) & 0xffff;
    track.writeRtp(
      new RtpPacket(
        new RtpHeader({
          payloadType: 111,
          sequenceNumber: seq,
          timestamp: (seq * 48 * intervalMs) >>> 0,
          ssrc: 4321,
          marker: false,
        }),
        Buffer.alloc(80, seq & 0xff),
      ),
    );
  }, intervalMs);
  return {
    use: (t) => {
      track = t;
    },
    stop: () => clearInterval(timer),
  };
}

/** Records the first packet a peer receives after a mark (a give, a publish), and all packets received. */
export function packetClock(pc) {
  const clock = { since: Number.POSITIVE_INFINITY, first: null, packets: 0 };
  const seen = new Set();
  pc.onTrack.subscribe((track) => {
    if (seen.has(track)) return;
    seen.add(track);
    track.onReceiveRtp.subscribe(() => {
      const at = now();
      clock.packets++;
      if (clock.first === null && at >= clock.since) clock.first = at;
    });
  });
  clock.mark = (at) => {
    clock.since = at;
    clock.first = null;
  };
  return clock;
}

/** A participant: the real HTTP join and the room's WebSocket, with every frame kept. */
export async function participant(base, occurrence, label, hostToken) {
  const headers = { "Content-Type": "application/json", "User-Agent": `bench-voice-${label}` };
  if (hostToken) headers.Authorization = `Bearer ${hostToken}`;
  const res = await fetch(`${base}/api/occurrences/${occurrence}/join`, {
    method: "POST",
    headers,
    body: JSON.stringify({ displayName: hostToken ? "Host" : `L${label}` }),
  });
  if (res.status !== 200) throw new Error(`join ${label}: ${res.status} ${await res.text()}`);
  const body = await res.json();
  const ws = new WebSocket(`${base.replace(/^http/, "ws")}${body.wsUrl}`, ["meetinghouse.v1", `ticket.${body.ticket}`]);
  const p = { ws, frames: [], self: null, handlers: new Set() };
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    p.frames.push(msg);
    if (msg.type === "welcome") p.self = msg.self.id;
    for (const h of p.handlers) h(msg);
  });
  await until(() => p.self !== null, `welcome for ${label}`);
  p.send = (msg) => ws.send(JSON.stringify(msg));
  p.next = (type, match = () => true, from = 0) =>
    until(() => p.frames.slice(from).some((f) => f.type === type && match(f)), type).then(() =>
      p.frames.slice(from).find((f) => f.type === type && match(f)),
    );
  return p;
}

/**
 * Joins the room's audio as the web app does: voice.ice, then voice.join with an offer (one sendonly
 * microphone slot), answering every voice.offer the room forwards, one description at a time (werift,
 * unlike a browser, does not queue them itself). Resolves once the peer is connected.
 */
export async function joinAudio(p, limitMs) {
  // A second join (after a failed connection) replaces the first, as the room does.
  if (p.onVoice) p.handlers.delete(p.onVoice);
  await p.pc?.close().catch(() => undefined);
  const pc = peer();
  p.pc = pc;
  p.lastRemoteSdp = "";
  pc.addTransceiver("audio", { direction: "sendonly" });
  p.clock = packetClock(pc);
  let chain = Promise.resolve();
  const serial = (op) => {
    chain = chain.then(op).catch((err) => console.error("bench: negotiation failed", err));
  };
  p.onVoice = (msg) => {
    if (msg.type === "voice.answer") serial(() => pc.setRemoteDescription({ type: "answer", sdp: msg.sdp }));
    if (msg.type === "voice.offer")
      serial(async () => {
        p.lastRemoteSdp = msg.sdp;
        await pc.setRemoteDescription({ type: "offer", sdp: msg.sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        p.send({ type: "voice.renegotiate", sdp: pc.localDescription.sdp });
      });
  };
  p.handlers.add(p.onVoice);
  const t0 = now();
  const from = p.frames.length;
  p.send({ type: "voice.ice" });
  await p.next("voice.ice", () => true, from);
  const tIce = now();
  await pc.setLocalDescription(await pc.createOffer());
  ignoreRepeatedHelloVerify(pc);
  const tOffer = now();
  p.send({ type: "voice.join", sdp: pc.localDescription.sdp });
  await p.next("voice.answer", () => true, from);
  const tAnswer = now();
  await chain;
  await until(() => ["connected", "failed"].includes(pc.connectionState), "listener connected", limitMs);
  if (pc.connectionState === "failed") throw new Error("connection failed");
  // The room's share: the two round trips, without the peer's own offer work in between.
  return { roomMs: tIce - t0 + (tAnswer - tOffer), connectedMs: now() - t0 };
}

/** What a silent listener looked like: its packets, offers, refusals and connection, for the report. */
export function describePeer(p) {
  return {
    packets: p.clock?.packets ?? 0,
    offers: p.frames.filter((f) => f.type === "voice.offer").length,
    errors: p.frames.filter((f) => f.type === "error").map((f) => f.code),
    pc: p.pc?.connectionState,
    ice: p.pc?.iceConnectionState,
    dtls: p.pc?.dtlsTransports.map((t) => `${t.role}:${t.state}`),
    mids: p.pc?.getTransceivers().map((t) => `${t.mid}:${t.currentDirection ?? t.direction}`),
  };
}
