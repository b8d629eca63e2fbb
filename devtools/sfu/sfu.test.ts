/**
 * The development SFU with real WebRTC on both sides: two werift peers connect over loopback,
 * one publishes a generated Opus RTP stream, the other pulls it; bytes arrive, and a forced close
 * of the published track stops them at once although the publisher keeps sending.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from "werift";
import { type RunningDevSfu, startDevSfu } from "./server.ts";

const APP = "dev-app";
const SECRET = "dev-secret-for-tests";
let running: RunningDevSfu;
const peers: RTCPeerConnection[] = [];

beforeAll(async () => {
  running = await startDevSfu({ appId: APP, secret: SECRET });
});
afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
  await running.stop();
});

async function api(
  path: string,
  method: string,
  body?: unknown,
  secret = SECRET,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${running.baseUrl}/apps/${APP}/${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function peer(): RTCPeerConnection {
  const pc = new RTCPeerConnection({
    codecs: {
      audio: [new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48_000, channels: 2, payloadType: 111 })],
    },
    iceServers: [],
    iceAdditionalHostAddresses: ["127.0.0.1"],
    iceUseIpv4: true,
    iceUseIpv6: false,
  });
  peers.push(pc);
  return pc;
}

type Desc = { type: "offer" | "answer"; sdp: string };
const offerOf = async (pc: RTCPeerConnection): Promise<Desc> => {
  await pc.setLocalDescription(await pc.createOffer());
  return { type: "offer", sdp: pc.localDescription?.sdp ?? "" };
};

/** Waits for a condition driven by network events (no fixed sleeps decide the outcome). */
async function until(check: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("answers only the app secret", async () => {
  expect((await api("sessions/new", "POST", {}, "wrong")).status).toBe(401);
  const res = await fetch(`${running.baseUrl}/apps/${APP}/sessions/new`, { method: "POST" });
  expect(res.status).toBe(401);
  const health = await fetch(`${running.baseUrl}/dev/health`, { headers: { authorization: "Bearer wrong" } });
  expect(health.status).toBe(401);
});

test("forwards a pushed track's RTP to a puller, and a forced close stops it while the publisher keeps sending", async () => {
  // Publisher: a sendonly audio transceiver carrying generated Opus-sized RTP packets.
  const pub = peer();
  const mic = new MediaStreamTrack({ kind: "audio" });
  pub.addTransceiver(mic, { direction: "sendonly" });
  const pubSession = await api("sessions/new", "POST", { sessionDescription: await offerOf(pub) });
  expect(pubSession.status).toBe(200);
  await pub.setRemoteDescription(pubSession.json.sessionDescription as Desc);
  const pubId = String(pubSession.json.sessionId);
  const mid = pub.getTransceivers()[0].mid ?? "";
  const pushed = await api(`sessions/${pubId}/tracks/new`, "POST", {
    sessionDescription: await offerOf(pub),
    tracks: [{ location: "local", mid, trackName: "mic" }],
  });
  expect(pushed.status).toBe(200);
  expect(pushed.json.tracks).toEqual([{ mid, trackName: "mic" }]);
  await pub.setRemoteDescription(pushed.json.sessionDescription as Desc);
  await until(() => pub.connectionState === "connected", "publisher connected");

  let seq = 0;
  const sendOne = () => {
    seq = (seq + 1) & 0xffff;
    mic.writeRtp(
      new RtpPacket(
        new RtpHeader({ payloadType: 111, sequenceNumber: seq, timestamp: seq * 960, ssrc: 1234, marker: false }),
        Buffer.alloc(80, seq & 0xff),
      ),
    );
  };
  const sender = setInterval(sendOne, 20);

  try {
    // Listener: joins with its own offer, then pulls the publisher's track (the SFU offers, it answers).
    const sub = peer();
    sub.addTransceiver("audio", { direction: "sendonly" });
    const subSession = await api("sessions/new", "POST", { sessionDescription: await offerOf(sub) });
    await sub.setRemoteDescription(subSession.json.sessionDescription as Desc);
    const subId = String(subSession.json.sessionId);
    let bytes = 0;
    sub.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => (bytes += rtp.payload.length)));
    const pulled = await api(`sessions/${subId}/tracks/new`, "POST", {
      tracks: [{ location: "remote", sessionId: pubId, trackName: "mic" }],
    });
    expect(pulled.json.requiresImmediateRenegotiation).toBe(true);
    await sub.setRemoteDescription(pulled.json.sessionDescription as Desc);
    await sub.setLocalDescription(await sub.createAnswer());
    expect(
      (
        await api(`sessions/${subId}/renegotiate`, "PUT", {
          sessionDescription: { type: "answer", sdp: sub.localDescription?.sdp },
        })
      ).status,
    ).toBe(200);
    await until(() => bytes > 800, "bytes at the listener");
    // The SFU's side of the listener's media path, as bench:voice reads it for a silent listener.
    const health = await fetch(`${running.baseUrl}/dev/health`, { headers: { authorization: `Bearer ${SECRET}` } });
    const sessions = (await health.json()) as { sessionId: string }[];
    expect(sessions.find((s) => s.sessionId === subId)).toEqual({
      sessionId: subId,
      connection: "connected",
      dtls: ["connected"],
      pulls: [{ mid: (pulled.json.tracks as { mid: string }[])[0].mid, dtls: "connected" }],
    });

    // Pulling a track that does not exist is refused per track.
    const missing = await api(`sessions/${subId}/tracks/new`, "POST", {
      tracks: [{ location: "remote", sessionId: pubId, trackName: "nope" }],
    });
    expect((missing.json.tracks as { error?: unknown }[])[0].error).toBeTruthy();

    // Closing the listener's pull stops its bytes while the publisher keeps sending; pulling again
    // reuses the closed pull's transceiver (same mid, no new m-line) and the bytes resume.
    const pullMid = (pulled.json.tracks as { mid: string }[])[0].mid;
    expect(
      (await api(`sessions/${subId}/tracks/close`, "PUT", { tracks: [{ mid: pullMid }], force: true })).status,
    ).toBe(200);
    // …and leaves the publisher's fan-out (nothing more is copied for it).
    expect(running.sfu.published.get(`${pubId}/mic`)?.pulls.size).toBe(0);
    const sentAtUnpull = seq;
    await until(() => ((seq - sentAtUnpull) & 0xffff) >= 25, "publisher keeps sending");
    const afterUnpull = bytes;
    await until(() => ((seq - sentAtUnpull) & 0xffff) >= 75, "publisher keeps sending more");
    expect(bytes).toBe(afterUnpull);
    const again = await api(`sessions/${subId}/tracks/new`, "POST", {
      tracks: [{ location: "remote", sessionId: pubId, trackName: "mic" }],
    });
    expect((again.json.tracks as { mid: string }[])[0].mid).toBe(pullMid);
    const reoffer = again.json.sessionDescription as Desc;
    expect(reoffer.sdp.match(/^m=/gm)?.length).toBe(2);
    await sub.setRemoteDescription(reoffer);
    await sub.setLocalDescription(await sub.createAnswer());
    await api(`sessions/${subId}/renegotiate`, "PUT", {
      sessionDescription: { type: "answer", sdp: sub.localDescription?.sdp },
    });
    await until(() => bytes > afterUnpull + 800, "bytes again after the second pull");

    const closed = await api(`sessions/${pubId}/tracks/close`, "PUT", { tracks: [{ mid }], force: true });
    expect(closed.status).toBe(200);
    expect((await api(`sessions/${pubId}`, "GET")).json.tracks).toEqual([
      { location: "local", mid, trackName: "mic", status: "inactive" },
    ]);
    // Packets already in flight on loopback may still land: settle on the count after 25 more sends.
    const sentAtClose = seq;
    await until(() => ((seq - sentAtClose) & 0xffff) >= 25, "publisher keeps sending");
    const afterClose = bytes;
    await until(() => ((seq - sentAtClose) & 0xffff) >= 75, "publisher keeps sending more");
    expect(bytes).toBe(afterClose);
  } finally {
    clearInterval(sender);
  }
}, 60_000);

/**
 * Under load a peer can be slow to answer the DTLS ClientHello; the hello is retransmitted and the
 * peer's DTLS server answers each copy with a HelloVerifyRequest. werift's DTLS client fails for good
 * on the second one while the peer's server side completes: the peer saw "connected" and never heard
 * anything (bench:voice's silent listeners). The SFU therefore takes the DTLS server role, whose
 * werift side tolerates every duplicate; here the listener's side sends each HelloVerifyRequest twice.
 */
test("a listener whose DTLS answers come twice (a slow peer under load) still hears: the SFU is the DTLS server", async () => {
  const pub = peer();
  const mic = new MediaStreamTrack({ kind: "audio" });
  pub.addTransceiver(mic, { direction: "sendonly" });
  const pubSession = await api("sessions/new", "POST", { sessionDescription: await offerOf(pub) });
  await pub.setRemoteDescription(pubSession.json.sessionDescription as Desc);
  const pubId = String(pubSession.json.sessionId);
  const pushed = await api(`sessions/${pubId}/tracks/new`, "POST", {
    sessionDescription: await offerOf(pub),
    tracks: [{ location: "local", mid: pub.getTransceivers()[0].mid ?? "", trackName: "mic" }],
  });
  await pub.setRemoteDescription(pushed.json.sessionDescription as Desc);
  let seq = 0;
  const sender = setInterval(() => {
    seq = (seq + 1) & 0xffff;
    mic.writeRtp(
      new RtpPacket(
        new RtpHeader({ payloadType: 111, sequenceNumber: seq, timestamp: seq * 960, ssrc: 99, marker: false }),
        Buffer.alloc(80),
      ),
    );
  }, 20);
  try {
    const sub = peer();
    sub.addTransceiver("audio", { direction: "sendonly" });
    const offer = await offerOf(sub);
    // Every HelloVerifyRequest (DTLS handshake record, message type 3) this peer sends goes out twice.
    const ice = (sub.dtlsTransports[0] as unknown as { iceTransport: { connection: { send: Send } } }).iceTransport
      .connection;
    type Send = (data: Buffer) => Promise<void>;
    const send = ice.send.bind(ice);
    ice.send = async (data) => {
      if (data[0] === 22 && data[13] === 3) await send(data);
      await send(data);
    };
    const subSession = await api("sessions/new", "POST", { sessionDescription: offer });
    const answer = subSession.json.sessionDescription as Desc;
    expect(answer.sdp).toContain("a=setup:passive");
    await sub.setRemoteDescription(answer);
    const subId = String(subSession.json.sessionId);
    let bytes = 0;
    sub.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => (bytes += rtp.payload.length)));
    await until(() => sub.connectionState === "connected", "listener connected");
    const pulled = await api(`sessions/${subId}/tracks/new`, "POST", {
      tracks: [{ location: "remote", sessionId: pubId, trackName: "mic" }],
    });
    await sub.setRemoteDescription(pulled.json.sessionDescription as Desc);
    await sub.setLocalDescription(await sub.createAnswer());
    await api(`sessions/${subId}/renegotiate`, "PUT", {
      sessionDescription: { type: "answer", sdp: sub.localDescription?.sdp },
    });
    await until(() => bytes > 800, "bytes at the listener");
    const health = (await (
      await fetch(`${running.baseUrl}/dev/health`, { headers: { authorization: `Bearer ${SECRET}` } })
    ).json()) as { sessionId: string; dtls: string[] }[];
    expect(health.find((h) => h.sessionId === subId)?.dtls).toEqual(["connected"]);
  } finally {
    clearInterval(sender);
  }
}, 60_000);
