import type { GateConfig } from "./gate";
import { INITIAL_STATE, type Member } from "./moderation";
import type { ChatMessage, Flag, Participant, Report, RoomRole, RoomState, WaitingEntry } from "#shared/room-protocol";
import type { ChatRetention } from "./retention";
import type { SlipMeeting } from "../slips/slip-rules";
import type { FloorMode } from "#shared/voice-protocol";

/** What the room loads from D1 once (at first join) and keeps in its own storage. */
export type RoomConfig = GateConfig & {
  occurrenceId: string;
  meetingId: string;
  /** Salted slow hash, or null for no passcode. Never sent to any client. */
  passcodeHash: string | null;
  chatRetention: ChatRetention;
  /** Latecomers read the chat from before they were admitted (absent in rooms configured before 0015: off). */
  latecomerChat?: boolean;
  /** `after_admit`: admitted participants are sent the passcode, kept here only sealed (absent before 0015). */
  passcodeAccess?: "shown" | "after_admit" | "ask";
  passcodeEnc?: string | null;
  conference: { url: string | null; phone: string | null; notes: string | null } | null;
  /** What an attendance slip names, and the meeting's slip settings (absent in rooms configured before slips). */
  slip?: SlipMeeting & { minMinutes: number; autoConfirm: boolean };
  /** The floor mode the room's voice starts in (the secretary's choice; absent in rooms configured before voice). */
  floorMode?: FloorMode;
  loadedAt: number;
};

export type ParticipantRow = Member & {
  name: string;
  /** Meeting-scoped hash of the connecting network (bans/removals); never the address. */
  subject: string;
  /** Meeting-scoped hash of the web app's device key, when the client sent one. */
  device: string | null;
  userId: string | null;
  online: boolean;
  joinedAt: number;
  /** When the participant was last let into the room (presence time for attendance slips); null while never admitted. */
  admittedAt: number | null;
};

/** A pending attendance slip request: the browser's slip id and name hash, until a host confirms it. */
export type SlipRequest = { participantId: string; sid: string; nameHash: string | null; at: number };

type Row = Record<string, SqlStorageValue>;

/** What a ban or removal matches: network hash, device-key hash, user id, or the room session (participant id). */
export type KeepOutKey = { kind: "address" | "device" | "user" | "participant"; subject: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL,
  subject TEXT NOT NULL, user_id TEXT, muted INTEGER NOT NULL DEFAULT 0, can_self_unmute INTEGER NOT NULL DEFAULT 0,
  online INTEGER NOT NULL DEFAULT 0, joined_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS participants_subject ON participants (subject);
CREATE INDEX IF NOT EXISTS participants_status ON participants (status, online);
CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, participant_id TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS messages_at ON messages (at);
CREATE TABLE IF NOT EXISTS tickets (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS guesses (fingerprint TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS guesses_fp ON guesses (fingerprint, at);
CREATE TABLE IF NOT EXISTS bans (kind TEXT NOT NULL, subject TEXT NOT NULL, PRIMARY KEY (kind, subject));
CREATE TABLE IF NOT EXISTS removals (kind TEXT NOT NULL, subject TEXT NOT NULL, PRIMARY KEY (kind, subject));
CREATE TABLE IF NOT EXISTS challenges (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS reports (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, reporter_id TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS flags (message_id TEXT PRIMARY KEY, participant_id TEXT NOT NULL, reasons TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS slip_requests (participant_id TEXT PRIMARY KEY, sid TEXT NOT NULL, name_hash TEXT, at INTEGER NOT NULL);
`;

function toParticipant(r: Row): ParticipantRow {
  return {
    id: String(r.id),
    name: String(r.name),
    role: r.role as RoomRole,
    status: r.status as ParticipantRow["status"],
    subject: String(r.subject),
    device: r.device === null || r.device === undefined ? null : String(r.device),
    userId: r.user_id === null ? null : String(r.user_id),
    muted: r.muted === 1,
    canSelfUnmute: r.can_self_unmute === 1,
    online: r.online === 1,
    joinedAt: Number(r.joined_at),
    admittedAt: r.admitted_at === null || r.admitted_at === undefined ? null : Number(r.admitted_at),
  };
}

function toSlipRequest(row: Row): SlipRequest {
  return {
    participantId: String(row.participant_id),
    sid: String(row.sid),
    nameHash: row.name_hash === null ? null : String(row.name_hash),
    at: Number(row.at),
  };
}

/** The public view of a participant (what rosters carry). */
export function publicParticipant(p: ParticipantRow): Participant {
  return { id: p.id, name: p.name, role: p.role, muted: p.muted, canSelfUnmute: p.canSelfUnmute };
}

/**
 * The room's SQLite storage (Durable Object, survives hibernation and eviction). Synchronous:
 * each call is one statement against the object's local database.
 */
export class RoomStore {
  /** Parsed meta values: this object is the only writer of its storage, so the cache stays true. */
  #meta = new Map<string, unknown>();

  constructor(private readonly sql: SqlStorage) {}

  migrate(): void {
    this.sql.exec(SCHEMA);
    // Rooms created before device keys existed get the column (CREATE TABLE IF NOT EXISTS skips them).
    const columns = this.rows("PRAGMA table_info(participants)");
    if (!columns.some((c) => c.name === "device")) this.sql.exec("ALTER TABLE participants ADD COLUMN device TEXT");
    if (!columns.some((c) => c.name === "admitted_at"))
      this.sql.exec("ALTER TABLE participants ADD COLUMN admitted_at INTEGER");
  }

  private rows(query: string, ...args: SqlStorageValue[]): Row[] {
    return this.sql.exec<Row>(query, ...args).toArray();
  }

  getMeta<T>(key: string): T | null {
    if (this.#meta.has(key)) return this.#meta.get(key) as T | null;
    const row = this.rows("SELECT value FROM meta WHERE key = ?", key)[0];
    const value = row ? (JSON.parse(String(row.value)) as T) : null;
    this.#meta.set(key, value);
    return value;
  }

  setMeta(key: string, value: unknown): void {
    this.#meta.set(key, value ?? null);
    this.sql.exec(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      key,
      JSON.stringify(value),
    );
  }

  /** Changes what getMeta returns without writing it yet (the caller writes it later with setMeta). */
  stageMeta(key: string, value: unknown): void {
    this.#meta.set(key, value ?? null);
  }

  config(): RoomConfig | null {
    return this.getMeta<RoomConfig>("config");
  }

  state(): RoomState {
    return this.getMeta<RoomState>("state") ?? INITIAL_STATE;
  }

  ended(): { at: number; reason: "host" | "ended" | "cancelled" } | null {
    return this.getMeta("ended");
  }

  // Participants
  participant(id: string): ParticipantRow | null {
    const row = this.rows("SELECT * FROM participants WHERE id = ?", id)[0];
    return row ? toParticipant(row) : null;
  }

  insertParticipant(p: Omit<ParticipantRow, "online">): void {
    this.sql.exec(
      "INSERT INTO participants (id, name, role, status, subject, device, user_id, muted, can_self_unmute, online, joined_at, admitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
      p.id,
      p.name,
      p.role,
      p.status,
      p.subject,
      p.device,
      p.userId,
      p.muted ? 1 : 0,
      p.canSelfUnmute ? 1 : 0,
      p.joinedAt,
      p.admittedAt,
    );
  }

  updateParticipant(
    id: string,
    patch: Partial<
      Pick<ParticipantRow, "name" | "role" | "status" | "muted" | "canSelfUnmute" | "online" | "admittedAt">
    >,
  ): void {
    const columns: Record<string, string> = {
      name: "name",
      role: "role",
      status: "status",
      muted: "muted",
      canSelfUnmute: "can_self_unmute",
      online: "online",
      admittedAt: "admitted_at",
    };
    for (const [key, value] of Object.entries(patch)) {
      const column = columns[key];
      if (!column || value === undefined) continue;
      this.sql.exec(
        `UPDATE participants SET ${column} = ? WHERE id = ?`,
        typeof value === "boolean" ? (value ? 1 : 0) : value,
        id,
      );
    }
  }

  /** Everyone currently connected with `status` (admitted: the roster; waiting: the waiting room). */
  online(status: "admitted" | "waiting"): ParticipantRow[] {
    return this.rows("SELECT * FROM participants WHERE status = ? AND online = 1 ORDER BY joined_at", status).map(
      toParticipant,
    );
  }

  waitingList(): WaitingEntry[] {
    return this.online("waiting").map((p) => ({ id: p.id, name: p.name, since: p.joinedAt }));
  }

  /**
   * Participants present or about to be: connected, or admitted within the last `pendingMs` (their
   * ticket may still be on its way), so a burst of joins cannot overshoot the capacity.
   */
  presentCount(now: number, pendingMs: number): number {
    return Number(
      this.rows(
        "SELECT count(*) AS n FROM participants WHERE status IN ('admitted', 'waiting') AND (online = 1 OR joined_at > ?)",
        now - pendingMs,
      )[0]?.n ?? 0,
    );
  }

  /** After a restart, sockets that did not survive leave no ghosts in the roster. */
  reconcileOnline(connected: ReadonlySet<string>): void {
    for (const row of this.rows("SELECT id FROM participants WHERE online = 1")) {
      if (!connected.has(String(row.id))) this.updateParticipant(String(row.id), { online: false });
    }
  }

  admittedOnlineCount(): number {
    return Number(
      this.rows("SELECT count(*) AS n FROM participants WHERE online = 1 AND status = 'admitted'")[0]?.n ?? 0,
    );
  }

  /** Names of the hosts in the room (admitted), for the display-name rule; `except` is left out. */
  hostNames(except?: string): string[] {
    return this.rows(
      "SELECT name FROM participants WHERE role = 'host' AND status = 'admitted' AND id != ?",
      except ?? "",
    ).map((r) => String(r.name));
  }

  // Keeping people out: bans (a local copy of the meeting's D1 bans plus those made here) and
  // removals (this occurrence only). Both match any one of a person's keys.
  /** The keys a participant is recognised by. */
  static keysOf(p: Pick<ParticipantRow, "id" | "subject" | "device" | "userId">): KeepOutKey[] {
    const keys: KeepOutKey[] = [];
    if (p.id) keys.push({ kind: "participant", subject: p.id });
    if (p.subject) keys.push({ kind: "address", subject: p.subject });
    if (p.device) keys.push({ kind: "device", subject: p.device });
    if (p.userId) keys.push({ kind: "user", subject: p.userId });
    return keys;
  }

  addBan(key: KeepOutKey): void {
    this.sql.exec("INSERT OR IGNORE INTO bans (kind, subject) VALUES (?, ?)", key.kind, key.subject);
  }

  /** Makes the local copy of the meeting's bans equal `keys` (bans made here are also removals, so none is lost). */
  replaceBans(keys: readonly KeepOutKey[]): void {
    this.sql.exec("DELETE FROM bans");
    for (const key of keys) this.addBan(key);
  }

  addRemoval(key: KeepOutKey): void {
    this.sql.exec("INSERT OR IGNORE INTO removals (kind, subject) VALUES (?, ?)", key.kind, key.subject);
  }

  /** A lifted ban stops matching here too, as a ban and as this occurrence's removal. */
  forgetKeys(keys: readonly KeepOutKey[]): void {
    for (const key of keys) {
      this.sql.exec("DELETE FROM bans WHERE kind = ? AND subject = ?", key.kind, key.subject);
      this.sql.exec("DELETE FROM removals WHERE kind = ? AND subject = ?", key.kind, key.subject);
    }
  }

  /** Is anyone with one of these keys banned from the meeting, or removed from this occurrence? */
  keptOut(keys: readonly KeepOutKey[]): "banned" | "removed" | null {
    const match = (table: "bans" | "removals") =>
      keys.some(
        (k) => this.rows(`SELECT 1 FROM ${table} WHERE kind = ? AND subject = ? LIMIT 1`, k.kind, k.subject).length > 0,
      );
    if (match("bans")) return "banned";
    return match("removals") ? "removed" : null;
  }

  // Single-use tickets
  /** Records a ticket's jti; false if it was already used (a replay). */
  spendTicket(jti: string, expiresAt: number, now: number): boolean {
    this.sql.exec("DELETE FROM tickets WHERE expires_at < ?", now - 60_000);
    if (this.rows("SELECT 1 FROM tickets WHERE jti = ?", jti).length > 0) return false;
    this.sql.exec("INSERT INTO tickets (jti, expires_at) VALUES (?, ?)", jti, expiresAt);
    return true;
  }

  /** Records a proof-of-work challenge as solved; false if it was already used (a replay). */
  spendChallenge(id: string, expiresAt: number, now: number): boolean {
    this.sql.exec("DELETE FROM challenges WHERE expires_at < ?", now);
    if (this.rows("SELECT 1 FROM challenges WHERE id = ?", id).length > 0) return false;
    this.sql.exec("INSERT INTO challenges (id, expires_at) VALUES (?, ?)", id, expiresAt);
    return true;
  }

  // Passcode guesses (wrong ones only, kept 15 minutes)
  /** `network` is the daily hash of the guesser's connecting network (the column's name predates it). */
  recordWrongGuess(network: string, now: number): void {
    this.sql.exec("INSERT INTO guesses (fingerprint, at) VALUES (?, ?)", network, now);
  }

  wrongGuesses(network: string, since: number): number[] {
    return this.rows("SELECT at FROM guesses WHERE fingerprint = ? AND at > ?", network, since).map((r) =>
      Number(r.at),
    );
  }

  roomWrongGuesses(since: number): number[] {
    return this.rows("SELECT at FROM guesses WHERE at > ?", since).map((r) => Number(r.at));
  }

  forgetGuessesBefore(cutoff: number): void {
    this.sql.exec("DELETE FROM guesses WHERE at < ?", cutoff);
  }

  // Chat
  addMessage(m: ChatMessage): void {
    this.sql.exec(
      "INSERT INTO messages (id, participant_id, name, text, at) VALUES (?, ?, ?, ?, ?)",
      m.id,
      m.participantId,
      m.name,
      m.text,
      m.at,
    );
  }

  message(id: string): ChatMessage | null {
    const r = this.rows("SELECT * FROM messages WHERE id = ?", id)[0];
    return r
      ? {
          id: String(r.id),
          participantId: String(r.participant_id),
          name: String(r.name),
          text: String(r.text),
          at: Number(r.at),
        }
      : null;
  }

  /** The latest `limit` messages sent at or after `since`, oldest first. */
  recentMessages(limit: number, since: number): ChatMessage[] {
    return this.rows(
      "SELECT id, participant_id, name, text, at FROM messages WHERE at >= ? ORDER BY at DESC, rowid DESC LIMIT ?",
      since,
      limit,
    )
      .map((r) => ({
        id: String(r.id),
        participantId: String(r.participant_id),
        name: String(r.name),
        text: String(r.text),
        at: Number(r.at),
      }))
      .reverse();
  }

  deleteMessage(id: string): boolean {
    const existed = this.rows("SELECT 1 FROM messages WHERE id = ?", id).length > 0;
    this.sql.exec("DELETE FROM messages WHERE id = ?", id);
    this.sql.exec("DELETE FROM flags WHERE message_id = ?", id);
    this.sql.exec("DELETE FROM reports WHERE message_id = ?", id);
    return existed;
  }

  /** Deletes chat sent before `cutoff` (with its reports and flags); returns how many messages. */
  purgeMessagesBefore(cutoff: number): number {
    const n = Number(this.rows("SELECT count(*) AS n FROM messages WHERE at < ?", cutoff)[0]?.n ?? 0);
    if (n === 0) return 0;
    this.sql.exec("DELETE FROM reports WHERE message_id IN (SELECT id FROM messages WHERE at < ?)", cutoff);
    this.sql.exec("DELETE FROM flags WHERE message_id IN (SELECT id FROM messages WHERE at < ?)", cutoff);
    this.sql.exec("DELETE FROM messages WHERE at < ?", cutoff);
    return n;
  }

  oldestMessageAt(): number | null {
    const r = this.rows("SELECT min(at) AS at FROM messages")[0];
    return r?.at === null || r?.at === undefined ? null : Number(r.at);
  }

  // Reports and flags (host-only queues)
  addReport(r: Report): void {
    this.sql.exec(
      "INSERT INTO reports (id, message_id, reporter_id, reason, at) VALUES (?, ?, ?, ?, ?)",
      r.id,
      r.messageId,
      r.reporterId,
      r.reason,
      r.at,
    );
  }

  /** Has this participant already reported this message? (A repeat report adds nothing to the queue.) */
  hasReport(messageId: string, reporterId: string): boolean {
    return (
      this.rows("SELECT 1 FROM reports WHERE message_id = ? AND reporter_id = ? LIMIT 1", messageId, reporterId)
        .length > 0
    );
  }

  /** Is the message in the hosts' queue (reported or flagged)? */
  isQueued(messageId: string): boolean {
    return (
      this.rows(
        "SELECT 1 FROM reports WHERE message_id = ? UNION ALL SELECT 1 FROM flags WHERE message_id = ? LIMIT 1",
        messageId,
        messageId,
      ).length > 0
    );
  }

  /** Takes a message out of the hosts' queue (its reports and flag). */
  dismissFromQueue(messageId: string): void {
    this.sql.exec("DELETE FROM reports WHERE message_id = ?", messageId);
    this.sql.exec("DELETE FROM flags WHERE message_id = ?", messageId);
  }

  reports(): Report[] {
    return this.rows("SELECT * FROM reports ORDER BY at").map((r) => ({
      id: String(r.id),
      messageId: String(r.message_id),
      reporterId: String(r.reporter_id),
      reason: String(r.reason),
      at: Number(r.at),
    }));
  }

  addFlag(f: Flag): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO flags (message_id, participant_id, reasons, at) VALUES (?, ?, ?, ?)",
      f.messageId,
      f.participantId,
      JSON.stringify(f.reasons),
      f.at,
    );
  }

  flags(): Flag[] {
    return this.rows("SELECT * FROM flags ORDER BY at").map((r) => ({
      messageId: String(r.message_id),
      participantId: String(r.participant_id),
      reasons: JSON.parse(String(r.reasons)) as string[],
      at: Number(r.at),
    }));
  }

  // Attendance slip requests: held only until confirmed (or the room ends), never after issue.
  /** Records (or replaces) a participant's pending request. */
  putSlipRequest(r: SlipRequest): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO slip_requests (participant_id, sid, name_hash, at) VALUES (?, ?, ?, ?)",
      r.participantId,
      r.sid,
      r.nameHash,
      r.at,
    );
  }

  /** Removes and returns a participant's pending request: two hosts confirming at once issue one slip. */
  takeSlipRequest(participantId: string): SlipRequest | null {
    const row = this.rows("DELETE FROM slip_requests WHERE participant_id = ? RETURNING *", participantId)[0];
    return row ? toSlipRequest(row) : null;
  }

  /** A participant's pending request, read without taking it. */
  slipRequest(participantId: string): SlipRequest | null {
    const row = this.rows("SELECT * FROM slip_requests WHERE participant_id = ?", participantId)[0];
    return row ? toSlipRequest(row) : null;
  }

  hasSlipRequest(participantId: string): boolean {
    return this.rows("SELECT 1 FROM slip_requests WHERE participant_id = ?", participantId).length > 0;
  }

  /** Pending requests of people still in the room, oldest first, as hosts see them. */
  slipRequests(): { participantId: string; name: string; at: number }[] {
    return this.rows(
      "SELECT r.participant_id, p.name, r.at FROM slip_requests r JOIN participants p ON p.id = r.participant_id WHERE p.status = 'admitted' AND p.online = 1 ORDER BY r.at",
    ).map((r) => ({ participantId: String(r.participant_id), name: String(r.name), at: Number(r.at) }));
  }

  /**
   * At the end: nobody is online; names, guess records and the fingerprint hashes of everyone who
   * was not removed are no longer needed (meeting-wide bans live on in D1).
   */
  endRoster(): void {
    this.sql.exec(
      "UPDATE participants SET name = 'Guest', online = 0, subject = CASE WHEN status IN ('removed', 'denied') THEN subject ELSE '' END, device = CASE WHEN status IN ('removed', 'denied') THEN device ELSE NULL END",
    );
    this.sql.exec("DELETE FROM guesses");
    this.sql.exec("DELETE FROM slip_requests");
  }
}
