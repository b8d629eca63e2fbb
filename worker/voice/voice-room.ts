/**
 * The room's voice: the MeetingRoom is the authority. It alone calls the SFU (sfu-client.ts) with
 * the app secret: it opens each participant's session from their browser's offer, publishes a
 * microphone only when the floor rules (floor.ts) allow it, pulls every current speaker's track into
 * every listener's session, and closes tracks on the SFU (forced) when a host mutes, removes, bans or
 * ends, or the floor moves. Nothing is recorded: the room sees session descriptions and ids, never audio.
 */
import type { FloorMode, IceServer, VoiceState, VoiceStopReason } from "#shared/voice-protocol";
import { type Refusal, type RoomRefusalCode, refusal } from "#shared/room-refusals";
import { logError } from "../lib/log";
import type { RoomState, ServerMessage } from "#shared/room-protocol";
import type { RoomStore } from "../rooms/store";
import { forEachBounded, SFU_FANOUT } from "./bounded";
import { giveFloor, INITIAL_VOICE, returnFloor, speakRefusal, withMode, withSpeaker } from "./floor";
import { type SfuClient, SfuError } from "./sfu-client";
import type { TurnClient } from "./turn-client";
import { trackKey, type VoiceSession, VoiceStore } from "./voice-store";

type Track = { participantId: string; sessionId: string; trackName: string };

/** What the voice needs from the room's runtime. */
export type VoiceHost = {
  readonly store: RoomStore;
  now(): number;
  sendTo(participantId: string, message: ServerMessage): void;
  broadcast(message: ServerMessage, audience: "admitted" | "hosts"): void;
  setState(next: RoomState): void;
  scheduleAlarm(): void;
};

const unavailable = refusal("voice_unavailable", "Audio is not available right now; chat still works");

export class VoiceRoom {
  readonly sessions: VoiceStore;
  /** One voice operation at a time per participant (their offers and answers must not cross). */
  #chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly host: VoiceHost,
    sql: SqlStorage,
    private readonly sfu: SfuClient | null,
    private readonly turn: TurnClient | null = null,
  ) {
    this.sessions = new VoiceStore(sql);
  }

  state(): VoiceState {
    return (
      this.host.store.getMeta<VoiceState>("voice") ?? {
        ...INITIAL_VOICE,
        mode: this.host.store.config()?.floorMode ?? "open",
      }
    );
  }

  #setState(next: VoiceState): void {
    if (next === this.state()) return;
    this.host.store.setMeta("voice", next);
    this.host.broadcast({ type: "voice.state", voice: next }, "admitted");
  }

  /** To a participant who was just welcomed: the floor and who speaks. */
  welcome(participantId: string): void {
    this.host.sendTo(participantId, { type: "voice.state", voice: this.state() });
  }

  #serial<T>(participantId: string, op: () => Promise<T>): Promise<T> {
    const run = (this.#chains.get(participantId) ?? Promise.resolve()).then(op, op);
    const tail = run.catch(() => undefined);
    this.#chains.set(participantId, tail);
    tail.then(() => {
      if (this.#chains.get(participantId) === tail) this.#chains.delete(participantId);
    });
    return run;
  }

  // One method per voice action (the room's handler table calls them after `authorize` checked who may).

  /**
   * The first step of joining audio: ICE servers for this participant's connection, to them alone.
   * TURN credentials are minted per participant (short-lived); without TURN, or when the TURN service
   * fails, the list is empty and the browser reaches the SFU directly, as most networks allow.
   */
  async ice(actor: { id: string }, requestId?: string): Promise<Refusal | null> {
    if (!this.sfu) return unavailable;
    let iceServers: IceServer[] = [];
    try {
      if (this.turn) iceServers = await this.turn.iceServers();
    } catch (err) {
      logError("voice_turn_failed", err);
    }
    this.host.sendTo(actor.id, { type: "voice.ice", iceServers, ...(requestId && { requestId }) });
    return null;
  }

  /**
   * Joins the room's audio, listen-only, from the browser's offer. `requestId` (the client's, optional)
   * comes back on the answer and names this session on every offer for it.
   */
  join(actor: { id: string }, sdp: string, requestId?: string): Promise<Refusal | null> {
    return this.#serial(actor.id, () => this.#join(actor.id, sdp, requestId ?? null));
  }

  /**
   * Publishes the microphone on transceiver `mid`, when the floor rules allow it, then offers it to
   * every listener. The fan-out runs outside the speaker's own queue: their next mute is not held
   * behind one SFU call per listener.
   */
  async unmute(actor: { id: string }, sdp: string, mid: string, requestId?: string): Promise<Refusal | null> {
    const published = await this.#serial(actor.id, () => this.#unmute(actor.id, sdp, mid, requestId));
    if (!("trackName" in published)) return published;
    await this.#fanOut(published);
    return null;
  }

  /** The browser's answer to the SFU's last offer. */
  renegotiate(actor: { id: string }, sdp: string): Promise<Refusal | null> {
    return this.#serial(actor.id, () => this.#answered(actor.id, sdp));
  }

  mute(actor: { id: string }): Promise<Refusal | null> {
    return this.#serial(actor.id, async () => {
      await this.#stopMic(actor.id, "self");
      return null;
    });
  }

  async leave(actor: { id: string }): Promise<Refusal | null> {
    await this.#serial(actor.id, () => this.#drop(actor.id, "left"));
    return null;
  }

  /** The speaker hands the floor back; only whoever holds it can. */
  async floorDone(actor: { id: string }): Promise<Refusal | null> {
    if (this.state().floor !== actor.id) return refusal("no_floor", "You do not hold the floor");
    this.#returnFloor();
    await this.enforce();
    return null;
  }

  /** Gives `participantId` the floor (raise-hand mode only), with a share timer of `seconds` when given. */
  async floorGive(participantId: string, seconds: number | undefined): Promise<Refusal | null> {
    const target = this.host.store.participant(participantId);
    if (!target || !inRoom(target)) return refusal("no_participant", "No such participant");
    if (this.state().mode !== "raise_hand") return refusal("wrong_mode", "Switch the floor to raise-hand first");
    this.#setState(giveFloor(this.state(), target.id));
    const state = this.host.store.state();
    if (state.hands.includes(target.id))
      this.host.setState({ ...state, hands: state.hands.filter((h) => h !== target.id) });
    if (seconds) this.#startTimer(seconds);
    await this.enforce();
    return null;
  }

  async floorTake(): Promise<Refusal | null> {
    this.#returnFloor();
    await this.enforce();
    return null;
  }

  async floorMode(mode: FloorMode): Promise<Refusal | null> {
    this.#setState(withMode(this.state(), mode));
    await this.enforce();
    return null;
  }

  #startTimer(seconds: number): void {
    const endsAt = this.host.now() + seconds * 1000;
    this.host.setState({ ...this.host.store.state(), timer: { endsAt, seconds } });
    this.host.broadcast({ type: "timer", endsAt, seconds, ended: false }, "admitted");
    this.host.scheduleAlarm();
  }

  #returnFloor(): void {
    const voice = this.state();
    if (voice.floor === null) return;
    this.#setState(returnFloor(voice));
    if (this.host.store.state().timer) {
      this.host.setState({ ...this.host.store.state(), timer: null });
      this.host.broadcast({ type: "timer", endsAt: null, seconds: null, ended: false }, "admitted");
    }
  }

  /** The share timer ran out: the floor returns. */
  async timerEnded(): Promise<void> {
    const voice = this.state();
    if (voice.floor === null) return;
    this.#setState(returnFloor(voice));
    await this.enforce();
  }

  async #join(participantId: string, sdp: string, joinId: string | null): Promise<Refusal | null> {
    if (!this.sfu) return unavailable;
    // A second join (a reconnect, another tab) replaces the older session.
    await this.#drop(participantId, "left");
    try {
      const { sessionId, answer } = await this.sfu.newSession({ type: "offer", sdp });
      this.sessions.put({
        participantId,
        sessionId,
        mic: null,
        pulls: [],
        awaiting: false,
        queued: [],
        published: 0,
        joinId,
      });
      this.host.sendTo(participantId, { type: "voice.answer", sdp: answer.sdp, ...(joinId && { requestId: joinId }) });
    } catch (err) {
      return this.#failed(err, "voice_join_failed");
    }
    this.welcome(participantId);
    const speakers = this.#speakerTracks().filter((t) => t.participantId !== participantId);
    if (speakers.length) await this.#pull(participantId, speakers);
    return null;
  }

  async #unmute(participantId: string, sdp: string, mid: string, requestId?: string): Promise<Refusal | Track> {
    if (!this.sfu) return unavailable;
    const session = this.sessions.get(participantId);
    if (!session) return refusal("voice_not_joined", "Join the audio first");
    if (session.mic) return refusal("already_speaking", "Your microphone is on");
    const refused = this.#speakRefusal(participantId);
    if (refused) return refused;
    const trackName = `mic-${session.published + 1}`;
    let answer: { sdp: string };
    try {
      answer = await this.sfu.pushTrack(session.sessionId, { type: "offer", sdp }, mid, trackName);
    } catch (err) {
      return this.#failed(err, "voice_unmute_failed");
    }
    const latest = this.sessions.get(participantId);
    if (!latest || latest.sessionId !== session.sessionId) {
      // The session was dropped (removed, left) while the SFU answered: close what it opened.
      await this.#close(session.sessionId, [mid]);
      return refusal("voice_not_joined", "Join the audio first");
    }
    this.sessions.put({ ...latest, mic: { mid, trackName }, published: latest.published + 1 });
    this.host.sendTo(participantId, { type: "voice.answer", sdp: answer.sdp, ...(requestId && { requestId }) });
    this.#setState(withSpeaker(this.state(), participantId, true));
    // A host may have muted them, or the floor moved, while the SFU answered: the rules decide again.
    const late = this.#speakRefusal(participantId);
    if (late) {
      await this.#stopMic(participantId, late.code === "muted_by_host" ? "muted_by_host" : "floor_returned");
      return late;
    }
    return { participantId, sessionId: session.sessionId, trackName };
  }

  /** Offers a new speaker's track to every other session, a bounded number of SFU calls at a time. */
  async #fanOut(track: Track): Promise<void> {
    const listeners = this.sessions.all().filter((s) => s.participantId !== track.participantId);
    await forEachBounded(listeners, SFU_FANOUT, (s) =>
      this.#serial(s.participantId, () => this.#pull(s.participantId, [track])),
    );
  }

  #speakRefusal(participantId: string): Refusal | null {
    const p = this.host.store.participant(participantId);
    if (!p) return refusal("not_admitted", "Wait to be admitted");
    return speakRefusal(p, this.state(), p.online);
  }

  /**
   * The browser answered the SFU's offer; pulls that queued meanwhile go out now. An answer the SFU
   * refuses leaves the session's negotiation broken on both sides (an offer nobody will answer, so
   * every later pull would queue behind it): the session ends, closed on the SFU like a leave, and
   * the refusal tells the client its audio ended; joining audio again opens a fresh session.
   */
  async #answered(participantId: string, sdp: string): Promise<Refusal | null> {
    if (!this.sfu) return unavailable;
    const session = this.sessions.get(participantId);
    if (!session?.awaiting) return refusal("no_offer", "There is no offer to answer");
    try {
      await this.sfu.renegotiate(session.sessionId, { type: "answer", sdp });
    } catch (err) {
      await this.#drop(participantId, "left");
      return this.#failed(err, "voice_renegotiate_failed");
    }
    const latest = this.sessions.get(participantId);
    if (!latest) return null;
    this.sessions.put({ ...latest, awaiting: false, queued: [] });
    const live = new Set(this.#speakerTracks().map(trackKey));
    const queued = latest.queued.filter((t) => live.has(trackKey(t)));
    if (queued.length) await this.#pull(participantId, queued);
    return null;
  }

  /** Pulls tracks into a listener's session: one SFU offer outstanding per session, later pulls queue. */
  async #pull(participantId: string, tracks: { sessionId: string; trackName: string }[]): Promise<void> {
    const session = this.sessions.get(participantId);
    if (!session || !this.sfu) return;
    const wanted = tracks.map((t) => ({ sessionId: t.sessionId, trackName: t.trackName }));
    if (session.awaiting) {
      this.sessions.put({ ...session, queued: [...session.queued, ...wanted] });
      return;
    }
    try {
      const { offer, pulled } = await this.sfu.pullTracks(session.sessionId, wanted);
      const latest = this.sessions.get(participantId);
      if (!latest || latest.sessionId !== session.sessionId) return;
      // A speaker who stopped while the SFU answered: their pull closes now rather than linger.
      const live = new Set(this.#speakerTracks().map(trackKey));
      const stale = pulled.filter((p) => !live.has(trackKey(p))).map((p) => p.mid);
      const pulls = pulled.filter((p) => live.has(trackKey(p))).map((p) => ({ mid: p.mid, source: trackKey(p) }));
      this.sessions.put({ ...latest, pulls: [...latest.pulls, ...pulls], awaiting: offer !== null });
      if (offer) {
        const joinId = latest.joinId;
        this.host.sendTo(participantId, {
          type: "voice.offer",
          sdp: offer.sdp,
          tracks: this.#owners(pulled),
          ...(joinId && { joinId }),
        });
      }
      if (stale.length) await this.#close(session.sessionId, stale);
    } catch (err) {
      logError("voice_pull_failed", err);
    }
  }

  /** Whose microphone each pulled mid carries (the listener's roster shows who is speaking from it). */
  #owners(pulled: { mid: string; sessionId: string }[]): { mid: string; participantId: string }[] {
    return pulled.flatMap((p) => {
      const participantId = this.sessions.participantOf(p.sessionId);
      return participantId ? [{ mid: p.mid, participantId }] : [];
    });
  }

  /**
   * A speaker's track ended: every listener's pull of it closes on the SFU (forced, no renegotiation),
   * so sessions keep only live tracks, and pulls still queued for it are dropped.
   */
  async #unpull(source: string): Promise<void> {
    const closing: { sessionId: string; mids: string[] }[] = [];
    for (const s of this.sessions.all()) {
      const mids = s.pulls.filter((p) => p.source === source).map((p) => p.mid);
      const queued = s.queued.filter((t) => trackKey(t) !== source);
      if (!mids.length && queued.length === s.queued.length) continue;
      this.sessions.put({ ...s, pulls: s.pulls.filter((p) => p.source !== source), queued });
      if (mids.length) closing.push({ sessionId: s.sessionId, mids });
    }
    await forEachBounded(closing, SFU_FANOUT, (c) => this.#close(c.sessionId, c.mids));
  }

  #speakerTracks(): Track[] {
    const speakers = new Set(this.state().speakers);
    return this.sessions
      .withMic()
      .filter((s) => s.mic && speakers.has(s.participantId))
      .map((s) => ({ participantId: s.participantId, sessionId: s.sessionId, trackName: s.mic?.trackName ?? "" }));
  }

  /** Closes someone's microphone on the SFU (forced: their browser cannot keep it open). */
  async #stopMic(participantId: string, reason: VoiceStopReason): Promise<void> {
    const session = this.sessions.get(participantId);
    this.#setState(withSpeaker(this.state(), participantId, false));
    if (!session?.mic) return;
    this.sessions.put({ ...session, mic: null });
    this.host.sendTo(participantId, { type: "voice.stopped", reason });
    await this.#close(session.sessionId, [session.mic.mid]);
    await this.#unpull(trackKey({ sessionId: session.sessionId, trackName: session.mic.trackName }));
  }

  /** Ends someone's audio: every track of their session closes on the SFU (they hear nothing more). */
  async #drop(participantId: string, reason: VoiceStopReason): Promise<null> {
    const session = this.sessions.get(participantId);
    this.#setState(withSpeaker(this.state(), participantId, false));
    if (!session) return null;
    this.sessions.delete(participantId);
    const mids = [...(session.mic ? [session.mic.mid] : []), ...session.pulls.map((p) => p.mid)];
    if (session.mic) this.host.sendTo(participantId, { type: "voice.stopped", reason });
    if (mids.length) await this.#close(session.sessionId, mids);
    if (session.mic) await this.#unpull(trackKey({ sessionId: session.sessionId, trackName: session.mic.trackName }));
    return null;
  }

  async #close(sessionId: string, mids: string[]): Promise<void> {
    try {
      await this.sfu?.closeTracks(sessionId, mids);
    } catch (err) {
      logError("voice_close_failed", err);
    }
  }

  #failed(err: unknown, event: string): Refusal {
    logError(event, err);
    return err instanceof SfuError && err.code === "sfu_refused"
      ? refusal("voice_refused", "The audio server refused that; try joining audio again")
      : unavailable;
  }

  /**
   * Applies the rules to everyone with audio, after any change: a participant no longer in the
   * room loses their whole session, a speaker the rules no longer allow loses their microphone.
   */
  async enforce(): Promise<void> {
    const voice = this.state();
    if (voice.floor !== null) {
      const holder = this.host.store.participant(voice.floor);
      if (!inRoom(holder)) this.#returnFloor();
    }
    const work: Promise<unknown>[] = [];
    for (const session of this.sessions.all()) {
      const p = this.host.store.participant(session.participantId);
      if (!p || !inRoom(p)) {
        work.push(this.#drop(session.participantId, "left"));
        continue;
      }
      if (!session.mic) continue;
      const refused = speakRefusal(p, this.state(), true);
      if (refused) work.push(this.#stopMic(p.id, reasonFor(refused.code)));
    }
    await Promise.all(work);
  }

  /** The meeting ended: every session's tracks close. */
  async end(): Promise<void> {
    await Promise.all(this.sessions.all().map((s) => this.#drop(s.participantId, "left")));
  }
}

/** In the room now: admitted, with a socket open. */
function inRoom(p: { status: string; online: boolean } | null): boolean {
  return p?.status === "admitted" && p.online;
}

function reasonFor(code: RoomRefusalCode): VoiceStopReason {
  if (code === "muted_by_host" || code === "muted") return "muted_by_host";
  if (code === "no_floor") return "floor_returned";
  if (code === "host_only") return "floor_mode";
  return "left";
}

export type { VoiceSession };
