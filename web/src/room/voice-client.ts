import type { ClientMessage, ServerMessage } from "#shared/room-protocol";
import { checkSending, NEW_SEND_CHECK, readSending, type SendCheck } from "./send-check";
import { isAnswerTo, isRefusalOf, VoiceRequests } from "./voice-requests";

export type VoicePhase = "off" | "joining" | "listening" | "speaking" | "failed";
/**
 * Why the client put me in listen-only by itself: my microphone could not reach the SFU well
 * (`weak`), or the connection failed and audio came back on a new one, listen-only (`reconnected`).
 */
export type VoiceFallback = "weak" | "reconnected" | null;
export type VoiceStatus = { phase: VoicePhase; micDenied: boolean; fallback: VoiceFallback };

/** How often the microphone's sending is checked while I speak (send-check.ts counts readings, not time), ms. */
const CHECK_EVERY_MS = 1000;
/** Refusals that close the microphone again (the floor rules said no). */
const FLOOR_REFUSALS = new Set(["no_floor", "host_only", "muted_by_host", "muted"]);

/**
 * The browser's side of the room's audio: one RTCPeerConnection to the SFU, signalled through the
 * room's socket (the browser never calls the SFU's API and never knows its secret). Listen-only
 * until the room accepts an unmute; the room may close the microphone on the SFU at any time, and
 * this client then stops sending too. While I speak it checks that the microphone still reaches
 * the SFU (send-check.ts) and falls back to listening when it does not; a connection that fails is
 * rebuilt once, listen-only.
 */
export class VoiceClient {
  #pc: RTCPeerConnection | null = null;
  #stream: MediaStream | null = null;
  /** The transceiver my microphone is published on (the latest unmute's), or null before the first. */
  #mic: RTCRtpTransceiver | null = null;
  #audio = new Map<string, HTMLAudioElement>();
  /** Whose microphone each received mid carries, as the room said when it offered the track. */
  #owners = new Map<string, string>();
  #status: VoiceStatus = { phase: "off", micDenied: false, fallback: null };
  /** Offers and answers are applied one at a time, in the order the room sent them. */
  #queue: Promise<unknown> = Promise.resolve();
  /** The unmute waiting for the room's word (its request id): the SFU's answer, or null when the room refused. */
  #awaitingAnswer: { id: string; settle: (sdp: string | null) => void } | null = null;
  /** My voice frames' request ids: frames for an earlier connection, or another request, are told apart. */
  #requests = new VoiceRequests();
  #sendCheck: SendCheck = NEW_SEND_CHECK;
  #checkTimer: ReturnType<typeof setInterval> | null = null;
  /** The one listen-only reconnect a failed connection gets (per "Join audio"). */
  #reconnected = false;

  constructor(
    private readonly send: (message: ClientMessage) => void,
    private readonly onStatus: (status: VoiceStatus) => void,
  ) {}

  get status(): VoiceStatus {
    return this.#status;
  }

  #set(patch: Partial<VoiceStatus>): void {
    this.#status = { ...this.#status, ...patch };
    this.onStatus(this.#status);
  }

  /** Runs `op` on connection `pc` after the operations before it; a failure there ends the audio. */
  #serial(pc: RTCPeerConnection, op: () => Promise<void>): void {
    this.#queue = this.#queue
      .then(() => (pc === this.#pc ? op() : undefined))
      .catch(() => {
        if (pc === this.#pc) this.#fail();
      });
  }

  /**
   * One click: connect listen-only (no microphone permission needed to listen). The room first hands
   * this connection its ICE servers (short-lived TURN credentials, for networks that block UDP).
   */
  join(): void {
    if (this.#pc || this.#status.phase === "joining") return;
    this.#reconnected = false;
    this.#set({ phase: "joining", fallback: null });
    this.#requests.newConnection();
    this.send({ type: "voice.ice", requestId: this.#requests.next() });
  }

  #connect(iceServers: RTCIceServer[]): void {
    const pc = new RTCPeerConnection({ bundlePolicy: "max-bundle", iceServers });
    this.#pc = pc;
    // The connection's first slot: it carries no microphone (each unmute publishes its own).
    pc.addTransceiver("audio", { direction: "sendonly" });
    pc.ontrack = (event) => {
      const el = new Audio();
      el.srcObject = new MediaStream([event.track]);
      el.autoplay = true;
      void el.play().catch(() => undefined);
      this.#audio.set(event.transceiver.mid ?? String(this.#audio.size), el);
    };
    pc.onconnectionstatechange = () => {
      if (pc === this.#pc && pc.connectionState === "failed") this.#connectionFailed();
    };
    this.#serial(pc, async () => {
      await pc.setLocalDescription(await pc.createOffer());
      this.send({ type: "voice.join", sdp: pc.localDescription?.sdp ?? "", requestId: this.#requests.next() });
    });
  }

  /**
   * Asks the room to publish the microphone (it checks the floor; a refusal rolls back). The next
   * offer or answer waits for the room's word on this one, so descriptions never cross.
   */
  unmute(): void {
    const pc = this.#pc;
    if (!pc || this.#status.phase === "speaking") return;
    this.#serial(pc, async () => {
      // A second click queued behind the first: the microphone is on already.
      if (this.#status.phase === "speaking") return;
      if (!this.#stream) {
        try {
          this.#stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        } catch {
          this.#set({ micDenied: true });
          return;
        }
      }
      const [track] = this.#stream.getAudioTracks();
      if (!track) {
        this.#set({ micDenied: true });
        return;
      }
      const mic = await this.#micSlot(pc, track);
      this.#mic = mic;
      await pc.setLocalDescription(await pc.createOffer());
      const requestId = this.#requests.next();
      const answered = new Promise<string | null>((settle) => {
        this.#awaitingAnswer = { id: requestId, settle };
      });
      this.send({ type: "voice.unmute", sdp: pc.localDescription?.sdp ?? "", mid: mic.mid ?? "", requestId });
      this.#set({ phase: "speaking", fallback: null });
      this.#startCheck();
      const sdp = await answered;
      if (pc !== this.#pc) return;
      if (sdp !== null) await pc.setRemoteDescription({ type: "answer", sdp });
      else if (pc.signalingState === "have-local-offer") await pc.setLocalDescription({ type: "rollback" });
    });
  }

  /**
   * The transceiver this unmute publishes on. A track the room closed is dead on the SFU, so a slot
   * that was published is stopped: this offer rejects its m-line, and the browser reuses that line
   * for a later transceiver (JSEP), so the offer keeps its size however often someone unmutes. A slot
   * the room refused (never negotiated) is simply used again.
   */
  async #micSlot(pc: RTCPeerConnection, track: MediaStreamTrack): Promise<RTCRtpTransceiver> {
    const slot = this.#mic;
    if (slot && slot.currentDirection === null && slot.direction !== "stopped") {
      await slot.sender.replaceTrack(track);
      return slot;
    }
    slot?.stop();
    return pc.addTransceiver(track, { direction: "sendonly" });
  }

  mute(): void {
    if (this.#status.phase !== "speaking") return;
    this.send({ type: "voice.mute", requestId: this.#requests.next() });
    this.#stopSending();
  }

  #stopSending(fallback: VoiceFallback = null): void {
    this.#stopCheck();
    if (this.#mic && this.#mic.direction !== "stopped") void this.#mic.sender.replaceTrack(null);
    if (this.#pc) this.#set({ phase: "listening", fallback });
  }

  /** While I speak, about once a second: does my microphone still reach the SFU well? */
  #startCheck(): void {
    this.#stopCheck();
    this.#sendCheck = NEW_SEND_CHECK;
    this.#checkTimer = setInterval(() => void this.#checkSending(), CHECK_EVERY_MS);
  }

  #stopCheck(): void {
    if (this.#checkTimer !== null) clearInterval(this.#checkTimer);
    this.#checkTimer = null;
  }

  async #checkSending(): Promise<void> {
    const pc = this.#pc;
    const mic = this.#mic;
    if (!pc || !mic || this.#status.phase !== "speaking") return;
    const stats = await mic.sender.getStats().catch(() => null);
    if (!stats || pc !== this.#pc || mic !== this.#mic || this.#status.phase !== "speaking") return;
    const next = checkSending(this.#sendCheck, readSending(stats, pc.connectionState));
    this.#sendCheck = next.check;
    if (!next.weak) return;
    // Listen-only: the room stops forwarding (nobody holds the floor in silence), and I keep hearing.
    this.send({ type: "voice.mute", requestId: this.#requests.next() });
    this.#stopSending("weak");
  }

  /** The connection failed: rebuilt once, listen-only (a fresh session from the room); then audio gives up. */
  #connectionFailed(): void {
    if (this.#reconnected) {
      this.#fail();
      return;
    }
    this.#reconnected = true;
    this.#closeConnection();
    this.#set({ phase: "joining", fallback: "reconnected" });
    // Frames still on their way for the old connection (its answer, offers, refusals) are dropped.
    this.#requests.newConnection();
    this.send({ type: "voice.ice", requestId: this.#requests.next() });
  }

  /** Audio stops with the failed notice; "Join audio" starts again from nothing. */
  #fail(): void {
    this.#closeConnection();
    this.#set({ phase: "failed", fallback: null });
  }

  leave(): void {
    // Left before the ICE servers came: nothing to close, and they no longer start a connection.
    if (!this.#pc) {
      if (this.#status.phase === "joining") this.#set({ phase: "off" });
      return;
    }
    this.send({ type: "voice.leave", requestId: this.#requests.next() });
    this.close();
  }

  /** Closes everything locally (leaving the room, or the room ended). */
  close(): void {
    this.#closeConnection();
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = null;
    this.#set({ phase: "off", fallback: null });
  }

  /** Closes the connection and what hangs on it; the microphone's stream stays for the next one. */
  #closeConnection(): void {
    this.#stopCheck();
    this.#pc?.close();
    this.#pc = null;
    this.#mic = null;
    this.#awaitingAnswer?.settle(null);
    this.#awaitingAnswer = null;
    for (const el of this.#audio.values()) el.srcObject = null;
    this.#audio.clear();
    this.#owners.clear();
  }

  /** Voice frames from the room. */
  onFrame(msg: ServerMessage): void {
    // An answer, offer or refusal for an earlier connection of mine: that connection is gone.
    if (
      (msg.type === "voice.ice" || msg.type === "voice.answer" || msg.type === "voice.offer" || msg.type === "error") &&
      !this.#requests.isCurrent(msg)
    )
      return;
    const pc = this.#pc;
    if (!pc) {
      if (this.#status.phase !== "joining") return;
      if (msg.type === "voice.ice") this.#connect(msg.iceServers);
      else if (msg.type === "error" && (msg.code === "voice_unavailable" || msg.code === "voice_refused"))
        this.#set({ phase: "failed", fallback: null });
      return;
    }
    switch (msg.type) {
      case "voice.answer": {
        const unmuted = this.#awaitingAnswer;
        if (unmuted && isAnswerTo(msg, unmuted.id)) {
          this.#awaitingAnswer = null;
          unmuted.settle(msg.sdp);
          return;
        }
        this.#serial(pc, async () => {
          if (pc.signalingState !== "have-local-offer") {
            // An unmute's answer after its offer was rolled back (a refusal naming no request, of a
            // frame the room could not read, was taken for it): the room published a microphone this
            // page does not send, so it closes it again.
            this.send({ type: "voice.mute", requestId: this.#requests.next() });
            return;
          }
          await pc.setRemoteDescription({ type: "answer", sdp: msg.sdp });
          if (this.#status.phase === "joining") this.#set({ phase: "listening" });
        });
        return;
      }
      case "voice.offer":
        for (const track of msg.tracks) this.#owners.set(track.mid, track.participantId);
        this.#serial(pc, async () => {
          await pc.setRemoteDescription({ type: "offer", sdp: msg.sdp });
          await pc.setLocalDescription(await pc.createAnswer());
          this.send({
            type: "voice.renegotiate",
            sdp: pc.localDescription?.sdp ?? "",
            requestId: this.#requests.next(),
          });
          if (this.#status.phase === "joining") this.#set({ phase: "listening" });
        });
        return;
      case "voice.stopped":
        // While an unmute waits for its answer, a stop is about an earlier microphone (the room
        // answers in order: that stop left before this answer). Already listening (I muted, or fell
        // back): the notice I see stays as it is.
        if (!this.#awaitingAnswer && this.#status.phase === "speaking") this.#stopSending();
        return;
      case "error": {
        // The unmute's own refusal: the room took no offer, so that offer is rolled back. Any other
        // refusal (a chat message's, say) leaves the unmute waiting for its answer.
        const waiting = this.#awaitingAnswer;
        const unmuted = waiting && isRefusalOf(msg, waiting.id) ? waiting : null;
        if (unmuted) this.#awaitingAnswer = null;
        unmuted?.settle(null);
        if (this.#status.phase === "speaking" && (unmuted || FLOOR_REFUSALS.has(msg.code))) this.#stopSending();
        if (msg.code === "voice_unavailable" || msg.code === "voice_refused") this.#fail();
        return;
      }
      case "removed":
      case "ended":
        this.close();
        return;
      default:
        return;
    }
  }

  /**
   * Audio level (0–1) per person this browser hears, from each received track's stats (the room
   * named the track's owner), and mine (`selfId`) while my microphone is on.
   */
  async levels(selfId: string | null): Promise<Map<string, number>> {
    const levels = new Map<string, number>();
    const pc = this.#pc;
    if (!pc) return levels;
    const keep = (id: string, level: number) => levels.set(id, Math.max(levels.get(id) ?? 0, level));
    for (const transceiver of pc.getTransceivers()) {
      const owner = transceiver.mid === null ? undefined : this.#owners.get(transceiver.mid);
      if (!owner || transceiver.currentDirection === "stopped") continue;
      (await transceiver.receiver.getStats()).forEach((s) => {
        if (s.type === "inbound-rtp" && typeof s.audioLevel === "number") keep(owner, s.audioLevel);
      });
    }
    if (selfId) keep(selfId, await this.micLevel());
    return levels;
  }

  /** Audio level (0–1) of my microphone as sent, from the connection's stats. */
  async micLevel(): Promise<number> {
    if (!this.#pc || this.#status.phase !== "speaking") return 0;
    const stats = await this.#pc.getStats();
    let level = 0;
    stats.forEach((s) => {
      if (s.type === "media-source" && s.kind === "audio" && typeof s.audioLevel === "number")
        level = Math.max(level, s.audioLevel);
    });
    return level;
  }
}
