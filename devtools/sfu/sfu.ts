/**
 * The development SFU's media side: one werift RTCPeerConnection per session, and RTP forwarding
 * from each published (local) track to every session that pulled it. Development and tests only;
 * production uses Cloudflare Realtime SFU, which the HTTP layer (server.ts) imitates.
 */
import { randomUUID } from "node:crypto";
import {
  MediaStreamTrack,
  type RTCRtpTransceiver,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  type RtpPacket,
} from "werift";

export type Sdp = { type: "offer" | "answer"; sdp: string };
export type TrackInfo = {
  location: "local" | "remote";
  mid: string;
  trackName: string;
  sessionId?: string;
  status: "active" | "inactive";
};

/** A pull: one sendonly transceiver in the listener's connection that the publisher's RTP is copied into. */
type Pull = { session: Session; mid: string; track: MediaStreamTrack; transceiver: RTCRtpTransceiver };
/** A published track: what its publisher sends, and who pulled it. Closed: nothing is forwarded any more. */
type Published = {
  session: Session;
  mid: string;
  trackName: string;
  pulls: Set<Pull>;
  closed: boolean;
  packets: number;
};

const OPUS = new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48_000, channels: 2, payloadType: 111 });

export class SfuError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export class Session {
  readonly id = randomUUID().replaceAll("-", "");
  readonly pc = new RTCPeerConnection({
    codecs: { audio: [OPUS] },
    // Loopback only, no public STUN server: the dev SFU never leaves this machine.
    iceServers: [],
    iceAdditionalHostAddresses: ["127.0.0.1"],
    iceUseIpv4: true,
    iceUseIpv6: false,
  });
  readonly local = new Map<string, Published>();
  readonly remote = new Map<string, Pull & { source: Published }>();
  /**
   * Transceivers of closed pulls, reused by the next pull (same mid, a new offer): a listener who
   * hears many speakers over a meeting keeps as many m-lines as speakers at once, not ever heard.
   */
  readonly spare: RTCRtpTransceiver[] = [];
  /** werift's negotiation is not re-entrant: one operation at a time per session. */
  #queue: Promise<unknown> = Promise.resolve();

  serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(op, op);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

export class DevSfu {
  readonly sessions = new Map<string, Session>();
  /** Published tracks by `${sessionId}/${trackName}`. */
  readonly published = new Map<string, Published>();

  session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new SfuError(404, "session not found");
    return s;
  }

  async newSession(offer: Sdp | undefined): Promise<{ sessionId: string; sessionDescription?: Sdp }> {
    const s = new Session();
    this.sessions.set(s.id, s);
    if (!offer) return { sessionId: s.id };
    const answer = await s.serial(() => this.#answer(s, offer));
    return { sessionId: s.id, sessionDescription: answer };
  }

  async #answer(s: Session, offer: Sdp): Promise<Sdp> {
    if (offer.type !== "offer") throw new SfuError(400, "expected an offer");
    await s.pc.setRemoteDescription(offer);
    const answer = await s.pc.createAnswer();
    // The SFU is the DTLS server (a=setup:passive; werift would answer active). As the DTLS client,
    // werift fails for good when a peer slow to answer (a loaded box) answers its retransmitted
    // ClientHello twice, while the peer's side completes: that listener shows "connected" and hears
    // nothing. werift's server side tolerates every duplicate, and a browser's client retransmits safely.
    await s.pc.setLocalDescription({ type: "answer", sdp: answer.sdp.replaceAll("a=setup:active", "a=setup:passive") });
    return { type: "answer", sdp: s.pc.localDescription?.sdp ?? "" };
  }

  /** Publishes the offer's transceivers named by mid under their track names. */
  async pushTracks(
    s: Session,
    offer: Sdp,
    tracks: { mid: string; trackName: string }[],
  ): Promise<{
    sessionDescription: Sdp;
    tracks: { mid: string; trackName: string; error?: { errorCode: string; errorDescription: string } }[];
  }> {
    return s.serial(async () => {
      const answer = await this.#answer(s, offer);
      const result = tracks.map(({ mid, trackName }) => {
        const transceiver = s.pc.getTransceivers().find((t) => t.mid === mid);
        const key = `${s.id}/${trackName}`;
        if (!transceiver)
          return { mid, trackName, error: { errorCode: "invalid_mid", errorDescription: "no such mid in the offer" } };
        if (this.published.get(key) && !this.published.get(key)?.closed)
          return { mid, trackName, error: { errorCode: "track_exists", errorDescription: "track name in use" } };
        const published: Published = { session: s, mid, trackName, pulls: new Set(), closed: false, packets: 0 };
        s.local.set(mid, published);
        this.published.set(key, published);
        forward(transceiver, published);
        return { mid, trackName };
      });
      return { sessionDescription: answer, tracks: result };
    });
  }

  /** Adds one sendonly transceiver per pulled track and offers them; the client answers through renegotiate. */
  async pullTracks(s: Session, tracks: { sessionId: string; trackName: string }[]) {
    return s.serial(async () => {
      const added: {
        mid?: string;
        trackName: string;
        sessionId: string;
        error?: { errorCode: string; errorDescription: string };
      }[] = [];
      const pending: { transceiver: RTCRtpTransceiver; source: Published; track: MediaStreamTrack; index: number }[] =
        [];
      for (const t of tracks) {
        const source = this.published.get(`${t.sessionId}/${t.trackName}`);
        if (!source || source.closed) {
          added.push({ ...t, error: { errorCode: "not_found", errorDescription: "no such active track" } });
          continue;
        }
        const track = new MediaStreamTrack({ kind: "audio" });
        const spare = s.spare.shift();
        if (spare) await spare.sender.replaceTrack(track);
        const transceiver = spare ?? s.pc.addTransceiver(track, { direction: "sendonly" });
        pending.push({ transceiver, source, track, index: added.length });
        added.push({ ...t });
      }
      if (pending.length === 0) return { requiresImmediateRenegotiation: false, tracks: added };
      await s.pc.setLocalDescription(await s.pc.createOffer());
      for (const p of pending) {
        const mid = p.transceiver.mid ?? "";
        // One object in both places, so closing the pull removes it from its source's fan-out too.
        const pull = { session: s, mid, track: p.track, transceiver: p.transceiver, source: p.source };
        p.source.pulls.add(pull);
        s.remote.set(mid, pull);
        added[p.index] = { ...added[p.index], mid };
      }
      return {
        requiresImmediateRenegotiation: true,
        sessionDescription: { type: "offer" as const, sdp: s.pc.localDescription?.sdp ?? "" },
        tracks: added,
      };
    });
  }

  async renegotiate(s: Session, answer: Sdp): Promise<void> {
    if (answer.type !== "answer") throw new SfuError(400, "expected an answer");
    await s.serial(() => s.pc.setRemoteDescription(answer));
  }

  /** Closes tracks by mid at once: a closed local track forwards nothing more, a closed pull receives nothing more. */
  closeTracks(s: Session, mids: string[]): { mid: string; error?: { errorCode: string; errorDescription: string } }[] {
    return mids.map((mid) => {
      const local = s.local.get(mid);
      if (local) {
        local.closed = true;
        local.pulls.clear();
        this.published.delete(`${s.id}/${local.trackName}`);
        return { mid };
      }
      const pull = s.remote.get(mid);
      if (pull) {
        pull.source.pulls.delete(pull);
        s.remote.delete(mid);
        void pull.transceiver.sender.replaceTrack(null);
        s.spare.push(pull.transceiver);
        return { mid };
      }
      return { mid, error: { errorCode: "not_found", errorDescription: "no such track" } };
    });
  }

  /** Development diagnostics (ids and states only): whether each session's media path is up on the SFU's side. */
  health(): { sessionId: string; connection: string; dtls: string[]; pulls: { mid: string; dtls: string }[] }[] {
    return [...this.sessions.values()].map((s) => ({
      sessionId: s.id,
      connection: s.pc.connectionState,
      dtls: [...new Set(s.pc.getTransceivers().map((t) => t.sender.dtlsTransport?.state ?? "none"))],
      pulls: [...s.remote.values()].map((p) => ({
        mid: p.mid,
        dtls: p.transceiver.sender.dtlsTransport?.state ?? "none",
      })),
    }));
  }

  describe(s: Session): { tracks: TrackInfo[] } {
    const tracks: TrackInfo[] = [];
    for (const t of s.local.values())
      tracks.push({ location: "local", mid: t.mid, trackName: t.trackName, status: t.closed ? "inactive" : "active" });
    for (const t of s.remote.values())
      tracks.push({
        location: "remote",
        mid: t.mid,
        trackName: t.source.trackName,
        sessionId: t.source.session.id,
        status: t.source.closed ? "inactive" : "active",
      });
    return { tracks };
  }

  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.pc.close().catch(() => undefined)));
    this.sessions.clear();
    this.published.clear();
  }
}

/**
 * Copies the publisher's RTP to each pull. werift's send path rewrites headers in place, and
 * `writeRtp` clones a packet it is given (a buffer it would parse again), so one packet serves all.
 */
function forward(transceiver: RTCRtpTransceiver, published: Published): void {
  const relay = (rtp: RtpPacket) => {
    if (published.closed) return;
    published.packets++;
    for (const pull of published.pulls) pull.track.writeRtp(rtp);
  };
  // werift starts with a default receiving track and may add one per SSRC later: relay each once.
  const seen = new Set<MediaStreamTrack>();
  const listen = (track: MediaStreamTrack | undefined) => {
    if (!track || seen.has(track)) return;
    seen.add(track);
    track.onReceiveRtp.subscribe(relay);
  };
  listen(transceiver.receiver.track);
  for (const track of transceiver.receiver.tracks) listen(track);
  transceiver.onTrack.subscribe((track) => listen(track));
}
