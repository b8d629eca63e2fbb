import type { Connection, Server } from "partyserver";
import { db } from "../db/client";
import { type BanKeyKind, meetingBanKeys, meetingBans, moderationAudit } from "../db/schema-rooms";
import { openPasscode } from "../directory/passcode-seal";
import { newId } from "../lib/ids";
import { logError } from "../lib/log";
import { autoEndAt } from "#shared/occurrence-lifecycle";
import { markOccurrenceEnded, recordLiveAttendees } from "../occurrences/occurrence-db";
import { type BudgetBook, countRefusal } from "./budgets";
import { Coalescer } from "./coalesce";
import { greeter, type RoomIO } from "./handlers";
import { CLOSE_CODES, LIMITS, type ModerationAction, type RoomState, type ServerMessage } from "#shared/room-protocol";
import { chatCutoff, nextPurgeAt, welcomeChatSince } from "./retention";
import { ROSTER_FLUSH_MS, RosterBook } from "./roster";
import { type KeepOutKey, type ParticipantRow, publicParticipant, RoomStore } from "./store";
import { slipKeys } from "../slips/keys";
import { DEFAULT_SLIP_MIN_MINUTES } from "../slips/slip-rules";
import { type SlipClaims, signSlip } from "#shared/slip-token";
import { SfuClient, sfuSettings } from "../voice/sfu-client";
import { TurnClient, turnSettings } from "../voice/turn-client";
import { VoiceRoom } from "../voice/voice-room";

/**
 * Per-connection state (≤ 2 KB, survives hibernation): who it is, what they may receive, and a
 * copy of the participant's frame budgets, so a hibernated room wakes with them instead of full buckets.
 */
export type ConnState = { pid: string; admitted: boolean; host: boolean; budgets?: BudgetBook };
/** Staged state flips (raised hands) are written and broadcast at most this often. */
export const STATE_FLUSH_MS = 200;
/** The live attendee count reaches D1 at most this often. */
export const HEADCOUNT_EVERY_MS = 3_000;

/**
 * The I/O side of a room: sockets, batching, alarms and D1 writes that belong off the hot path.
 * Kept apart from the MeetingRoom class so the class stays a thin partyserver adapter and these
 * helpers are not exposed as RPC methods on the Durable Object stub.
 */
export class RoomRuntime implements RoomIO {
  /** Who is present, the roster changes not yet sent, and what joiners are welcomed with. */
  #roster: RosterBook;
  #rosterTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The head count's debounce lives in memory, not storage: a storage write would hold every chat
   * frame sent until its commit (the output gate). An eviction can drop one pending report; the
   * next join or leave sends a fresh one, and the room's end zeroes the count.
   */
  #headcountTimer: ReturnType<typeof setTimeout> | null = null;
  /** Frame budgets by participant (the socket attachments hold a copy that survives hibernation). */
  #budgets = new Map<string, BudgetBook>();
  /**
   * Staged raised-hand flips since the last write (null: none). In memory only, like the roster
   * batch: an eviction inside the flush window drops at most that window's flips.
   */
  #staged: Coalescer<RoomState> | null = null;
  #stateTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Who receives broadcasts, resolved once and reused until someone connects, leaves or changes
   * role: reading every socket's attachment for every chat message is what made 300-person rooms slow.
   */
  #audience: { admitted: Connection<ConnState>[]; hosts: Connection<ConnState>[] } | null = null;
  readonly voice: VoiceRoom;

  constructor(
    private readonly server: Server<Env>,
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    readonly store: RoomStore,
    private readonly clock: () => number,
  ) {
    this.#roster = new RosterBook(() => store.online("admitted").map(publicParticipant));
    const sfu = sfuSettings(env);
    const turn = turnSettings(env);
    this.voice = new VoiceRoom(
      this,
      ctx.storage.sql,
      sfu ? new SfuClient(sfu) : null,
      turn ? new TurnClient(turn) : null,
    );
  }

  now(): number {
    return this.clock();
  }

  private connections(participantId?: string): Connection<ConnState>[] {
    return [...this.server.getConnections<ConnState>(participantId)];
  }

  send(conn: Connection, message: ServerMessage): void {
    try {
      conn.send(JSON.stringify(message));
    } catch {
      // The socket closed under us; its onClose tidies up.
    }
  }

  sendTo(participantId: string, message: ServerMessage): void {
    for (const conn of this.connections(participantId)) this.send(conn, message);
  }

  /** Forget the cached broadcast audience (a socket opened or closed, or someone's role changed). */
  audienceChanged(): void {
    this.#audience = null;
  }

  broadcast(message: ServerMessage, audience: "admitted" | "hosts"): void {
    if (!this.#audience) {
      const all = this.connections().map((conn) => ({ conn, state: conn.state }));
      this.#audience = {
        admitted: all.filter((c) => c.state?.admitted).map((c) => c.conn),
        hosts: all.filter((c) => c.state?.host).map((c) => c.conn),
      };
    }
    const text = JSON.stringify(message);
    for (const conn of this.#audience[audience]) {
      try {
        conn.send(text);
      } catch {
        // closed under us; onClose refreshes the audience
      }
    }
  }

  /**
   * Brings one person's roster entry up to date and queues the change for everyone (the next flush).
   * `current`: the participant's row as it now stands, when the caller just wrote it (saves a read).
   */
  rosterChanged(participantId: string, current?: ParticipantRow): void {
    const p = current ?? this.store.participant(participantId);
    if (p?.status === "admitted" && p.online) this.#roster.upsert(publicParticipant(p));
    else this.#roster.remove(participantId);
    this.#markHeadcountDirty();
    this.#rosterTimer ??= setTimeout(() => this.flushRoster(), ROSTER_FLUSH_MS);
  }

  /** Sends the pending roster changes as one frame. */
  flushRoster(): void {
    this.#rosterTimer = null;
    const changes = this.#roster.flush();
    if (changes.length > 0) this.broadcast({ type: "roster", changes }, "admitted");
  }

  waitingChanged(): void {
    this.broadcast({ type: "waiting.list", waiting: this.store.waitingList() }, "hosts");
  }

  refreshConnections(participantId: string): void {
    const p = this.store.participant(participantId);
    if (!p) return;
    const admitted = p.status === "admitted";
    const host = admitted && p.role === "host";
    this.audienceChanged();
    for (const conn of this.connections(participantId)) {
      const wasHost = conn.state?.host ?? false;
      conn.setState({ ...conn.state, pid: p.id, admitted, host });
      if (host && !wasHost) this.sendHostQueues(conn);
    }
  }

  sendHostQueues(conn: Connection): void {
    this.send(conn, { type: "waiting.list", waiting: this.store.waitingList() });
    this.send(conn, { type: "slip.requests", requests: this.store.slipRequests() });
    this.send(conn, { type: "reports", reports: this.store.reports() });
    this.send(conn, { type: "flags", flags: this.store.flags() });
  }

  disconnect(participantId: string, message: ServerMessage): void {
    this.audienceChanged();
    for (const conn of this.connections(participantId)) {
      this.send(conn, message);
      conn.close(CLOSE_CODES.refused, message.type);
    }
    this.store.updateParticipant(participantId, { online: false });
  }

  welcome(participantId: string, only?: Connection): void {
    const self = this.store.participant(participantId);
    const config = this.store.config();
    if (!self || !config) return;
    const now = this.now();
    const cutoff = chatCutoff(config.chatRetention, now, this.store.ended()?.at ?? null);
    // The joiner's own entry goes out with the next flush, to everyone else (their welcome has it).
    this.rosterChanged(participantId, self);
    const roster = this.#roster.welcome();
    const message: ServerMessage = {
      type: "welcome",
      self: publicParticipant(self),
      roster: roster.first,
      rosterSummary: roster.summary,
      state: this.store.state(),
      chat: this.store.recentMessages(
        LIMITS.welcomeChat,
        welcomeChatSince(cutoff, config.latecomerChat === true, self),
      ),
      conference: config.conference,
      slip: { minMinutes: config.slip?.minMinutes ?? DEFAULT_SLIP_MIN_MINUTES, presentSince: self.admittedAt },
      privacy: { chatRetention: config.chatRetention, latecomerChat: config.latecomerChat === true },
    };
    const voice: ServerMessage = { type: "voice.state", voice: this.voice.state() };
    const conns = only ? [only] : this.connections(participantId);
    for (const conn of conns) {
      this.send(conn, message);
      for (const changes of roster.pages) this.send(conn, { type: "roster", changes });
      this.send(conn, voice);
      if (self.role === "host") this.sendHostQueues(conn);
    }
    if (config.passcodeAccess === "after_admit" && config.passcodeEnc) this.#sendPasscode(config.passcodeEnc, conns);
  }

  /** `after_admit` meetings: the passcode, opened from its sealed copy, to these admitted sockets only. */
  #sendPasscode(sealed: string, conns: Connection[]): void {
    const sending = openPasscode(this.env, sealed).then((passcode) => {
      if (passcode) for (const conn of conns) this.send(conn, { type: "passcode", passcode });
    });
    this.ctx.waitUntil(sending.catch((err) => logError("room_passcode_failed", err, {})));
  }

  /** Tells a waiting participant's connection where they are. */
  sendWaiting(conn: Connection): void {
    this.send(conn, { type: "waiting", message: greeter(this) });
  }

  audit(actor: ParticipantRow, action: ModerationAction, targetId: string | null): void {
    const config = this.store.config();
    if (!config) return;
    const row = {
      id: newId("aud_"),
      occurrenceId: config.occurrenceId,
      meetingId: config.meetingId,
      actorParticipantId: actor.id,
      actorUserId: actor.userId,
      action,
      targetParticipantId: targetId,
      at: this.now(),
    };
    this.ctx.waitUntil(
      db(this.env)
        .insert(moderationAudit)
        .values(row)
        .run()
        .then(
          () => undefined,
          (err) => logError("room_audit_failed", err, { occurrenceId: config.occurrenceId, action }),
        ),
    );
  }

  /** One ban row (the ban list) and the keys it matches across the meeting's occurrences, in one batch. */
  persistBan(actor: ParticipantRow, target: ParticipantRow): void {
    const config = this.store.config();
    if (!config) return;
    const banId = newId("ban_");
    const keys = RoomStore.keysOf(target).filter(
      (k): k is KeepOutKey & { kind: BanKeyKind } => k.kind !== "participant",
    );
    const d = db(this.env);
    const ban = d.insert(meetingBans).values({
      id: banId,
      meetingId: config.meetingId,
      occurrenceId: config.occurrenceId,
      createdByParticipant: actor.id,
      createdByUser: actor.userId,
      createdAt: this.now(),
    });
    const rows = keys.map((k) => ({ banId, meetingId: config.meetingId, kind: k.kind, subject: k.subject }));
    this.ctx.waitUntil(
      d.batch([ban, d.insert(meetingBanKeys).values(rows).onConflictDoNothing()]).then(
        () => undefined,
        (err) => logError("room_ban_failed", err, { occurrenceId: config.occurrenceId }),
      ),
    );
  }

  #markHeadcountDirty(): void {
    this.#headcountTimer ??= setTimeout(() => {
      this.#headcountTimer = null;
      const config = this.store.config();
      if (!config || this.store.ended()) return;
      this.ctx.waitUntil(
        recordLiveAttendees(this.env, config.occurrenceId, this.store.admittedOnlineCount()).catch((err) =>
          logError("room_headcount_failed", err, { occurrenceId: config.occurrenceId }),
        ),
      );
    }, HEADCOUNT_EVERY_MS);
  }

  /** The earliest moment the alarm has work: timer end, chat purge, the room's own end. */
  nextAlarmAt(): number | null {
    const config = this.store.config();
    if (!config) return null;
    const timer = this.store.state().timer?.endsAt ?? null;
    const purge = nextPurgeAt(config.chatRetention, this.store.oldestMessageAt(), this.store.ended()?.at ?? null);
    const autoEnd = this.#autoEndAt();
    const due = [timer, purge, autoEnd].filter((t): t is number => t !== null);
    return due.length ? Math.min(...due) : null;
  }

  /** When the room closes by itself (the lifecycle's grace past the occurrence's end), unless it already ended. */
  #autoEndAt(): number | null {
    const config = this.store.config();
    return config && !this.store.ended() ? autoEndAt(config) : null;
  }

  /** Whether the room is past the moment it closes by itself. */
  autoEndDue(now: number): boolean {
    const at = this.#autoEndAt();
    return at !== null && at <= now;
  }

  scheduleAlarm(): void {
    const at = this.nextAlarmAt();
    if (at !== null) this.ctx.storage.setAlarm(at).catch((err) => logError("room_alarm_failed", err));
  }

  /** The alarm's duties, each only when due. */
  async runAlarm(): Promise<void> {
    const config = this.store.config();
    if (!config) return;
    const now = this.now();
    const state = this.store.state();
    if (state.timer && state.timer.endsAt <= now) {
      this.setState({ ...state, timer: null });
      this.broadcast({ type: "timer", endsAt: null, seconds: null, ended: true }, "admitted");
      await this.voice.timerEnded();
    }
    const cutoff = chatCutoff(config.chatRetention, now, this.store.ended()?.at ?? null);
    if (cutoff !== null) this.store.purgeMessagesBefore(Math.min(cutoff, Number.MAX_SAFE_INTEGER));
    // The occurrence's end closes the room for everyone, even if no host ends it (end() re-arms the alarm).
    if (this.autoEndDue(now)) return this.end("ended");
    this.scheduleAlarm();
  }

  async end(reason: "host" | "ended" | "cancelled"): Promise<void> {
    if (this.store.ended()) return;
    const now = this.now();
    this.store.setMeta("ended", { at: now, reason });
    this.#staged = null; // the write below carries any staged flips
    this.store.setMeta("state", { ...this.store.state(), timer: null });
    if (this.#headcountTimer) clearTimeout(this.#headcountTimer);
    this.#headcountTimer = null;
    await this.voice.end();
    for (const conn of this.connections()) {
      this.send(conn, { type: "ended", reason });
      conn.close(CLOSE_CODES.ended, "ended");
    }
    this.store.endRoster();
    const occurrenceId = this.store.config()?.occurrenceId ?? this.server.name;
    await markOccurrenceEnded(this.env, occurrenceId, now);
    this.scheduleAlarm();
  }

  setState(next: RoomState): void {
    this.#staged = null; // this write carries any staged flips
    this.store.setMeta("state", next);
    this.broadcast({ type: "state", state: next }, "admitted");
  }

  stageState(next: RoomState): void {
    this.#staged ??= new Coalescer(this.store.state());
    this.#staged.stage(next);
    this.store.stageMeta("state", next);
    this.#stateTimer ??= setTimeout(() => this.flushState(), STATE_FLUSH_MS);
  }

  /** Writes and broadcasts the staged state once, if it differs from what was last written. */
  flushState(): void {
    this.#stateTimer = null;
    const next = this.#staged?.flush() ?? null;
    this.#staged = null;
    if (!next) return;
    this.store.setMeta("state", next);
    this.broadcast({ type: "state", state: next }, "admitted");
  }

  async signSlip(claims: SlipClaims): Promise<string> {
    return signSlip(slipKeys(this.env.SLIP_SIGNING_KEY).current, claims);
  }

  budgets(participantId: string): BudgetBook {
    const known = this.#budgets.get(participantId);
    if (known) return known;
    // Woken from hibernation: the socket's attachment kept the book.
    for (const conn of this.connections(participantId)) if (conn.state?.budgets) return conn.state.budgets;
    return {};
  }

  saveBudgets(participantId: string, book: BudgetBook): void {
    this.#budgets.set(participantId, book);
    for (const conn of this.connections(participantId)) if (conn.state) conn.setState({ ...conn.state, budgets: book });
  }

  /** Counts a refused frame (over budget, or invalid); true once the participant keeps flooding past the limit. */
  floodedBy(participantId: string): boolean {
    const counted = countRefusal(this.budgets(participantId), this.now());
    this.saveBudgets(participantId, counted.book);
    return counted.close;
  }
}
