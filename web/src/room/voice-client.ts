import type { ClientMessage, ServerMessage } from "#shared/room-protocol";

export type VoicePhase = "off" | "joining" | "listening" | "speaking" | "failed";
export type VoiceStatus = { phase: VoicePhase; micDenied: boolean };

/**
 * The browser's side of the room's audio: one RTCPeerConnection to the SFU, signalled through the
 * room's socket (the browser never calls the SFU's API and never knows its secret). Listen-only
 * until the room accepts an unmute; the room may close the microphone on the SFU at any time, and
 * this client then stops sending too.
 */
export class VoiceClient {
  #pc: RTCPeerConnection | null = null;
  #mic: MediaStream | null = null;
  #sender: RTCRtpTransceiver | null = null;
  #audio = new Map<string, HTMLAudioElement>();
  /** Whose microphone each received mid carries, as the room said when it offered the track. */
  #owners = new Map<string, string>();
  #status: VoiceStatus = { phase: "off", micDenied: false };
  /** Offers and answers are applied one at a time, in the order the room sent them. */
  #queue: Promise<unknown> = Promise.resolve();

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

  #serial(op: () => Promise<void>): void {
    this.#queue = this.#queue.then(op).catch(() => this.#set({ phase: "failed" }));
  }

  /**
   * One click: connect listen-only (no microphone permission needed to listen). The room first hands
   * this connection its ICE servers (short-lived TURN credentials, for networks that block UDP).
   */
  join(): void {
    if (this.#pc || this.#status.phase === "joining") return;
    this.#set({ phase: "joining" });
    this.send({ type: "voice.ice" });
  }

  #connect(iceServers: RTCIceServer[]): void {
    const pc = new RTCPeerConnection({ bundlePolicy: "max-bundle", iceServers });
    this.#pc = pc;
    // The microphone slot: sends nothing until the room accepts an unmute.
    this.#sender = pc.addTransceiver("audio", { direction: "sendonly" });
    pc.ontrack = (event) => {
      const el = new Audio();
      el.srcObject = new MediaStream([event.track]);
      el.autoplay = true;
      void el.play().catch(() => undefined);
      this.#audio.set(event.transceiver.mid ?? String(this.#audio.size), el);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === "failed") this.#set({ phase: "failed" });
    };
    this.#serial(async () => {
      await pc.setLocalDescription(await pc.createOffer());
      this.send({ type: "voice.join", sdp: pc.localDescription?.sdp ?? "" });
    });
  }

  /** Asks the room to publish the microphone (it checks the floor; a refusal rolls back). */
  unmute(): void {
    const pc = this.#pc;
    if (!pc || this.#status.phase === "speaking") return;
    this.#serial(async () => {
      if (!this.#mic) {
        try {
          this.#mic = await navigator.mediaDevices.getUserMedia({ audio: true });
        } catch {
          this.#set({ micDenied: true });
          return;
        }
      }
      // A closed track is dead on the SFU (the room may force-close it): each unmute publishes a fresh slot.
      if (this.#sender) this.#sender.direction = "inactive";
      this.#sender = pc.addTransceiver(this.#mic.getAudioTracks()[0], { direction: "sendonly" });
      await pc.setLocalDescription(await pc.createOffer());
      this.send({ type: "voice.unmute", sdp: pc.localDescription?.sdp ?? "", mid: this.#sender.mid ?? "" });
      this.#set({ phase: "speaking" });
    });
  }

  mute(): void {
    if (this.#status.phase !== "speaking") return;
    this.send({ type: "voice.mute" });
    this.#stopSending();
  }

  #stopSending(): void {
    void this.#sender?.sender.replaceTrack(null);
    if (this.#pc) this.#set({ phase: "listening" });
  }

  leave(): void {
    // Left before the ICE servers came: nothing to close, and they no longer start a connection.
    if (!this.#pc) {
      if (this.#status.phase === "joining") this.#set({ phase: "off" });
      return;
    }
    this.send({ type: "voice.leave" });
    this.close();
  }

  /** Closes everything locally (leaving the room, or the room ended). */
  close(): void {
    this.#pc?.close();
    this.#pc = null;
    this.#sender = null;
    for (const el of this.#audio.values()) el.srcObject = null;
    this.#audio.clear();
    this.#owners.clear();
    for (const track of this.#mic?.getTracks() ?? []) track.stop();
    this.#mic = null;
    this.#set({ phase: "off" });
  }

  /** Voice frames from the room. */
  onFrame(msg: ServerMessage): void {
    const pc = this.#pc;
    if (!pc) {
      if (this.#status.phase !== "joining") return;
      if (msg.type === "voice.ice") this.#connect(msg.iceServers);
      else if (msg.type === "error" && (msg.code === "voice_unavailable" || msg.code === "voice_refused"))
        this.#set({ phase: "failed" });
      return;
    }
    switch (msg.type) {
      case "voice.answer":
        this.#serial(async () => {
          await pc.setRemoteDescription({ type: "answer", sdp: msg.sdp });
          if (this.#status.phase === "joining") this.#set({ phase: "listening" });
        });
        return;
      case "voice.offer":
        for (const track of msg.tracks) this.#owners.set(track.mid, track.participantId);
        this.#serial(async () => {
          await pc.setRemoteDescription({ type: "offer", sdp: msg.sdp });
          await pc.setLocalDescription(await pc.createAnswer());
          this.send({ type: "voice.renegotiate", sdp: pc.localDescription?.sdp ?? "" });
          if (this.#status.phase === "joining") this.#set({ phase: "listening" });
        });
        return;
      case "voice.stopped":
        this.#stopSending();
        return;
      case "error":
        if (
          this.#status.phase === "speaking" &&
          (msg.code === "no_floor" || msg.code === "host_only" || msg.code === "muted_by_host" || msg.code === "muted")
        ) {
          // Refused: the offer the room did not take is rolled back.
          this.#serial(async () => {
            if (pc.signalingState === "have-local-offer") await pc.setLocalDescription({ type: "rollback" });
          });
          this.#stopSending();
        }
        if (msg.code === "voice_unavailable" || msg.code === "voice_refused") this.#set({ phase: "failed" });
        return;
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
