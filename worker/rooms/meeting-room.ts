import { eq } from "drizzle-orm";
import { type Connection, type ConnectionContext, Server, type WSMessage } from "partyserver";
import { TICKET_TTL_SECONDS } from "../auth/jwt";
import { db } from "../db/client";
import { meetingBanKeys } from "../db/schema-rooms";
import { newId } from "../lib/ids";
import { log } from "../lib/log";
import { checkPasscode } from "../lib/passcode";
import { getOccurrenceWithMeeting, markOccurrenceLive } from "../occurrences/occurrence-db";
import { POLICY_VIOLATION } from "./budgets";
import { displayNameProblem, NAME_PROBLEM_MESSAGES } from "#shared/display-name";
import { isHostAction } from "./moderation";
import {
  decideJoin,
  GUESS_WINDOW_MS,
  GUESSES_PER_ADDRESS,
  guessLimit,
  type JoinRefusal,
  ROOM_GUESS_WINDOW_MS,
} from "./gate";
import { handleClientMessage, participantLeft } from "./handlers";
import {
  CLOSE_CODES,
  type ClientMessage,
  parseClientMessage,
  requestIdOf,
  type RoomRole,
  type ServerMessage,
} from "#shared/room-protocol";
import { type Refusal, type RoomRefusalCode, refusalStatus } from "#shared/room-refusals";
import { type ConnState, RoomRuntime } from "./runtime";
import { roomSessionToken } from "./tokens";
import { type KeepOutKey, type RoomConfig, RoomStore } from "./store";

/** Set by the room itself on the upgrade it hands to partyserver, once its door said yes. */
export const PARTICIPANT_HEADER = "x-meetinghouse-participant";
/**
 * Set by the Worker (never the client: the Worker builds a fresh request) on every upgrade it
 * forwards: the way in the room decides on, in the same call that opens the socket.
 */
export const DOOR_HEADER = "x-meetinghouse-door";
/**
 * A room re-reads its meeting from D1 at most this often: often while not live (a secretary may
 * start it), rarely once live (a passcode or capacity change still reaches a running room).
 */
const CONFIG_REFRESH_MS = 5_000;
const LIVE_CONFIG_REFRESH_MS = 60_000;

export type JoinRequest = {
  /** Already checked against the display-name rule (except the room's host names); null: a default. */
  displayName: string | null;
  passcode?: string;
  wantsHost: boolean;
  userId: string | null;
  /** The participant id of the caller's room session in this occurrence, if they sent one. */
  priorParticipantId: string | null;
  /** Meeting-scoped hash of the connecting network: what bans and removals match. */
  subject: string;
  /** Meeting-scoped hash of the web app's device key (bans and removals match it too). */
  device: string | null;
  /** Daily hash of the connecting network: what passcode guess limits count. */
  guessKey: string;
  /** A proof-of-work challenge the Worker verified; this room spends it once. */
  challenge: { id: string; expiresAt: number } | null;
};
/**
 * How a socket comes in: with a ticket the Worker verified (after `POST /join` or `/rejoin`), with
 * the join request itself (the one-round-trip join), or with a verified room session (the
 * one-round-trip reconnect): one decision in the call that opens the socket.
 */
export type RoomDoor =
  | { kind: "ticket"; participantId: string; jti: string; expiresAt: number }
  | { kind: "join"; request: JoinRequest }
  | { kind: "resume"; participantId: string };
export type Admission = { ok: true; participantId: string; role: RoomRole; waiting: boolean };
/** A refused join, rejoin or ticket: the status follows from the code (shared/room-refusals.ts). */
export type RoomRefusal = JoinRefusal & { attemptsLeft?: number };
export type CommandResult = { ok: true } | ({ ok: false } & Refusal);

const refusal = (code: RoomRefusalCode, message: string): RoomRefusal => ({
  ok: false,
  status: refusalStatus(code),
  code,
  message,
});

/**
 * The live room of one meeting occurrence (named by the occurrence id): roster, waiting room,
 * passcode checks, chat and moderation state, in the object's SQLite storage. This class only
 * adapts partyserver and RPC to the rules: the gate (gate.ts), message handlers (handlers.ts,
 * built on moderation.ts and chat-rules.ts) and the I/O runtime (runtime.ts).
 */
export class MeetingRoom extends Server<Env> {
  // Static, not an instance field: an instance field silently disables hibernation.
  static override options = { hibernate: true };
  /**
   * The room's one clock (joins, budgets, timers, the closing alarm). Tests set `now` through
   * runInDurableObject to decide at exact instants; an instance field, so it is not an RPC method.
   */
  readonly clock = { now: (): number => Date.now() };
  #store!: RoomStore;
  #io!: RoomRuntime;
  #started = false;
  /** Sockets this room closed for flooding, until their close completes. */
  #closing = new Set<string>();
  /** The `joined` frame of a socket that came in by the join door, until `onConnect` sends it first. */
  #joined = new Map<string, ServerMessage>();

  /** Idempotent: partyserver calls it before sockets and alarms; the RPC methods call it themselves. */
  override onStart(): void {
    if (this.#started) return;
    this.#started = true;
    this.#store = new RoomStore(this.ctx.storage.sql);
    this.#store.migrate();
    this.#io = new RoomRuntime(this, this.ctx, this.env, this.#store, () => this.clock.now());
    const connected = new Set<string>();
    for (const conn of this.getConnections<ConnState>()) if (conn.state?.pid) connected.add(conn.state.pid);
    this.#store.reconcileOnline(connected);
  }

  /** Readiness probe: proves the namespace is bound and an object answers. */
  async ping(): Promise<"pong"> {
    return "pong";
  }

  /** The meeting facts, loaded from D1 at first use (and re-read while not live, or when `fresh`). */
  async #config(now: number, fresh = false): Promise<RoomConfig | null> {
    const cached = this.#store.config();
    if (
      cached &&
      !fresh &&
      now - cached.loadedAt < (cached.status === "live" ? LIVE_CONFIG_REFRESH_MS : CONFIG_REFRESH_MS)
    )
      return cached;
    const row = await getOccurrenceWithMeeting(this.env, this.name);
    if (!row) return cached;
    const { occurrence: o, meeting: m, groupName } = row;
    const hasConference = Boolean(m.conferenceUrl || m.conferencePhone);
    const config: RoomConfig = {
      occurrenceId: o.id,
      meetingId: m.id,
      status: cached?.status === "live" && o.status === "scheduled" ? "live" : o.status,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      hasPasscode: m.passcodeHash !== null,
      passcodeHash: m.passcodeHash,
      waitingRoom: m.waitingRoom,
      capacity: m.capacity,
      chatRetention: m.chatRetention,
      latecomerChat: m.latecomerChat,
      passcodeAccess: m.passcodeAccess,
      passcodeEnc: m.passcodeEnc,
      conference: hasConference ? { url: m.conferenceUrl, phone: m.conferencePhone, notes: m.conferenceNotes } : null,
      slip: {
        meetingName: m.name,
        groupName,
        timezone: m.timezone,
        startsAt: o.startsAt,
        minMinutes: m.slipMinMinutes,
        autoConfirm: m.slipAutoConfirm,
      },
      floorMode: m.floorMode,
      loadedAt: now,
    };
    this.#store.setMeta("config", config);
    // The first touch (even a refused join) arms the alarm that closes this room an hour past its
    // end and marks the occurrence ended, so the daily purge knows an untouched one has no room.
    if (!cached) this.#io.scheduleAlarm();
    // The meeting's bans as D1 has them now (a lifted one disappears here too).
    this.#store.replaceBans(
      await db(this.env)
        .select({ kind: meetingBanKeys.kind, subject: meetingBanKeys.subject })
        .from(meetingBanKeys)
        .where(eq(meetingBanKeys.meetingId, m.id)),
    );
    return config;
  }

  /** The join gate: decides, and on success registers the participant (not yet connected). */
  async join(req: JoinRequest): Promise<Admission | RoomRefusal> {
    this.onStart();
    const now = this.clock.now();
    const config = await this.#config(now);
    if (!config) return refusal("not_found", "Occurrence not found");
    const s = this.#store;
    if (req.challenge && !s.spendChallenge(req.challenge.id, req.challenge.expiresAt, now))
      return refusal("challenge_used", "That check was already used; solve a new one");
    const name = req.displayName ?? (req.wantsHost ? "Host" : "Guest");
    if (req.displayName !== null && !req.wantsHost && displayNameProblem(name, s.hostNames()) === "host_name") {
      return refusal("name_taken", NAME_PROBLEM_MESSAGES.host_name);
    }
    let passcode: "none" | "right" | "wrong" = "none";
    // `after_admit`: a newcomer without the passcode may knock; they always wait for a host.
    const knocksWithout =
      !req.wantsHost && config.passcodeHash !== null && config.passcodeAccess === "after_admit" && !req.passcode;
    if (!req.wantsHost && config.passcodeHash && !knocksWithout) {
      const limit = guessLimit(
        s.wrongGuesses(req.guessKey, now - GUESS_WINDOW_MS),
        s.roomWrongGuesses(now - ROOM_GUESS_WINDOW_MS),
        now,
        req.challenge !== null,
      );
      if (limit) return limit;
      passcode = (await checkPasscode(req.passcode ?? "", config.passcodeHash)) ? "right" : "wrong";
    }
    const keys = RoomStore.keysOf({
      id: req.priorParticipantId ?? "",
      subject: req.subject,
      device: req.device,
      userId: req.userId,
    });
    const keptOut = s.keptOut(keys);
    const decision = decideJoin({
      config,
      now,
      ended: s.ended() !== null,
      locked: s.state().locked,
      present: s.presentCount(now, TICKET_TTL_SECONDS * 1000),
      wantsHost: req.wantsHost,
      banned: keptOut === "banned",
      removed: keptOut === "removed",
      guarded: s.getMeta<boolean>("guarded") === true || knocksWithout,
      passcode,
    });
    if (!decision.ok) {
      log("room_join_refused", { occurrenceId: this.name, code: decision.code });
      if (decision.code === "bad_passcode") {
        s.forgetGuessesBefore(now - Math.max(GUESS_WINDOW_MS, ROOM_GUESS_WINDOW_MS));
        s.recordWrongGuess(req.guessKey, now);
        // Telling the person how many tries remain is kind and gives a guesser nothing new: the limit is public.
        return {
          ...decision,
          attemptsLeft: Math.max(0, GUESSES_PER_ADDRESS - s.wrongGuesses(req.guessKey, now - GUESS_WINDOW_MS).length),
        };
      }
      return decision;
    }
    if (decision.startsOccurrence) {
      await markOccurrenceLive(this.env, config.occurrenceId, now);
      s.setMeta("config", { ...config, status: "live" });
    }
    const participantId = newId("p_");
    const status = decision.waiting ? "waiting" : "admitted";
    s.insertParticipant({
      id: participantId,
      name,
      role: decision.role,
      status,
      subject: req.subject,
      device: req.device,
      userId: req.userId,
      muted: false,
      canSelfUnmute: false,
      joinedAt: now,
      admittedAt: decision.waiting ? null : now,
    });
    return { ok: true, participantId, role: decision.role, waiting: decision.waiting };
  }

  /** The occurrence moved (or changed in D1): a room that has read it reads it again now, not in a minute. */
  async occurrenceChanged(): Promise<void> {
    this.onStart();
    if (this.#store.config()) await this.#config(this.clock.now(), true);
  }

  /** A host lifted a ban (dashboard): its keys stop matching here, as a ban and as a removal. */
  async liftBan(keys: KeepOutKey[]): Promise<void> {
    this.onStart();
    this.#store.forgetKeys(keys);
  }

  /** A reconnect: the same participant gets a fresh ticket unless they were removed meanwhile. */
  async resume(participantId: string): Promise<Admission | RoomRefusal> {
    this.onStart();
    const p = this.#store.participant(participantId);
    if (!p) return refusal("not_found", "Unknown participant");
    if (this.#store.ended()) return refusal("not_live", "This meeting has ended");
    if (p.status === "removed" || p.status === "denied")
      return refusal("removed", "You were removed from this meeting");
    if (this.#store.keptOut(RoomStore.keysOf(p)) === "banned") return refusal("banned", "You cannot join this meeting");
    return { ok: true, participantId: p.id, role: p.role, waiting: p.status === "waiting" };
  }

  /** Single use: records the ticket's jti before the socket opens; a replay is refused. */
  async #claimTicket(jti: string, participantId: string, expiresAt: number): Promise<{ ok: true } | RoomRefusal> {
    const resumed = await this.resume(participantId);
    if (!resumed.ok) return resumed;
    if (!this.#store.spendTicket(jti, expiresAt, this.clock.now()))
      return refusal("ticket_used", "This ticket was already used");
    return { ok: true };
  }

  /** The HTTP mirrors (chat, moderation) run the same handlers as socket frames. */
  async command(participantId: string, message: ClientMessage): Promise<CommandResult> {
    this.onStart();
    const actor = this.#store.participant(participantId);
    if (!actor || this.#store.ended()) return { ok: false, code: "not_live", message: "Not in this meeting" };
    const refused = await handleClientMessage(this.#io, actor, message);
    if (isHostAction(message.type)) await this.#io.voice.enforce();
    return refused ? { ok: false, ...refused } : { ok: true };
  }

  /**
   * Every socket comes through a door (DOOR_HEADER): the ticket is spent, or the join decided,
   * here, in the call that opens the socket; a refusal answers as JSON with its status.
   */
  override async fetch(request: Request): Promise<Response> {
    const raw = request.headers.get(DOOR_HEADER);
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") return super.fetch(request);
    if (!raw) return Response.json(refusal("not_found", "No way in"), { status: 404 });
    this.onStart();
    const door = JSON.parse(raw) as RoomDoor;
    if (door.kind === "resume") {
      const resumed = await this.resume(door.participantId);
      if (!resumed.ok) return Response.json(resumed, { status: resumed.status });
      return this.#open(request.url, door.participantId);
    }
    if (door.kind === "ticket") {
      const claimed = await this.#claimTicket(door.jti, door.participantId, door.expiresAt);
      if (!claimed.ok) return Response.json(claimed, { status: claimed.status });
      return this.#open(request.url, door.participantId);
    }
    const seat = await this.join(door.request);
    if (!seat.ok) return Response.json(seat, { status: seat.status });
    const { participantId, role, waiting } = seat;
    const sessionToken = await roomSessionToken(this.env.JWT_SECRET, this.name, seat);
    this.#joined.set(new URL(request.url).searchParams.get("_pk") ?? "", {
      type: "joined",
      participantId,
      role,
      waiting,
      sessionToken,
    });
    return this.#open(request.url, participantId);
  }

  /** Hands the upgrade to partyserver as this participant (onConnect sends the welcome). */
  #open(url: string, participantId: string): Promise<Response> {
    return super.fetch(new Request(url, { headers: { Upgrade: "websocket", [PARTICIPANT_HEADER]: participantId } }));
  }

  override getConnectionTags(_conn: Connection, ctx: ConnectionContext): string[] {
    return [ctx.request.headers.get(PARTICIPANT_HEADER) ?? "unknown"];
  }

  override onConnect(conn: Connection<ConnState>, ctx: ConnectionContext): void {
    const joined = this.#joined.get(conn.id);
    if (joined) {
      this.#joined.delete(conn.id);
      this.#io.send(conn, joined);
    }
    const p = this.#store.participant(ctx.request.headers.get(PARTICIPANT_HEADER) ?? "");
    const ended = this.#store.ended();
    if (!p || p.status === "removed" || p.status === "denied" || ended) {
      this.#io.send(
        conn,
        ended
          ? { type: "ended", reason: ended.reason }
          : { type: "removed", reason: p?.status === "denied" ? "denied" : "removed" },
      );
      conn.close(CLOSE_CODES.refused, ended ? "ended" : "removed");
      return;
    }
    // Read before the older socket goes: after hibernation its attachment holds the budgets.
    const budgets = this.#io.budgets(p.id);
    // A reconnect replaces the participant's older socket: one roster entry per person.
    for (const other of this.getConnections(p.id))
      if (other.id !== conn.id) other.close(CLOSE_CODES.replaced, "replaced");
    const admitted = p.status === "admitted";
    conn.setState({ pid: p.id, admitted, host: admitted && p.role === "host", budgets });
    this.#io.audienceChanged();
    this.#store.updateParticipant(p.id, { online: true });
    if (admitted) {
      this.#io.welcome(p.id, conn); // also announces them to the room
    } else {
      this.#io.sendWaiting(conn);
      this.#io.waitingChanged();
    }
  }

  override async onMessage(conn: Connection<ConnState>, raw: WSMessage): Promise<void> {
    // Frames already queued when a socket was closed (a flood's tail) are dropped unread.
    if (this.#closing.has(conn.id) || conn.readyState !== WebSocket.OPEN) return;
    const actor = conn.state ? this.#store.participant(conn.state.pid) : null;
    if (!actor) return;
    const parsed = parseClientMessage(raw);
    const refused = parsed.ok
      ? await handleClientMessage(this.#io, actor, parsed.message)
      : { code: parsed.code, message: parsed.message };
    // A host action may have muted, removed or demoted someone: their microphone closes on the SFU now.
    if (parsed.ok && isHostAction(parsed.message.type)) await this.#io.voice.enforce();
    if (!refused) return;
    // The refused frame's request id (voice frames carry one) goes back with the refusal.
    const requestId = parsed.ok ? requestIdOf(parsed.message) : parsed.requestId;
    this.#io.send(conn, {
      type: "error",
      code: refused.code,
      message: refused.message,
      ...(requestId && { requestId }),
    });
    if ((!parsed.ok || refused.code === "rate_limited") && this.#io.floodedBy(actor.id)) {
      this.#closing.add(conn.id);
      conn.close(POLICY_VIOLATION, "flood");
    }
  }

  override onClose(conn: Connection<ConnState>): void {
    this.#closing.delete(conn.id);
    this.#io.audienceChanged();
    const pid = conn.state?.pid;
    if (!pid) return;
    for (const other of this.getConnections(pid)) if (other.id !== conn.id) return; // replaced by a reconnect
    const p = this.#store.participant(pid);
    if (p?.online) this.ctx.waitUntil(participantLeft(this.#io, p));
    // Gone from the room: their SFU session closes (they hear nothing more, and the floor returns).
    this.ctx.waitUntil(this.#io.voice.enforce());
  }

  override async onAlarm(): Promise<void> {
    // Before closing the room at its end, re-read the occurrence: a secretary may have moved it.
    const now = this.clock.now();
    if (this.#io.autoEndDue(now)) await this.#config(now, true);
    await this.#io.runAlarm();
  }

  /** Ends the meeting for everyone (host ended it, or the occurrence was ended/cancelled). */
  async end(reason: "host" | "ended" | "cancelled"): Promise<void> {
    this.onStart();
    await this.#io.end(reason);
  }

  /** Wipes the room's storage (chat, roster): called by the purge job once retention has passed. */
  async wipe(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.#started = false;
    this.onStart();
  }
}
