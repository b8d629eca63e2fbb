import type { GateConfig } from "./gate";
import { INITIAL_STATE, type Member } from "./moderation";
import type { ChatMessage, Flag, Participant, Report, RoomRole, RoomState, WaitingEntry } from "./protocol";
import type { ChatRetention } from "./retention";

/** What the room loads from D1 once (at first join) and keeps in its own storage. */
export type RoomConfig = GateConfig & {
  occurrenceId: string;
  meetingId: string;
  /** Salted slow hash, or null for no passcode. Never sent to any client. */
  passcodeHash: string | null;
  chatRetention: ChatRetention;
  conference: { url: string | null; phone: string | null; notes: string | null } | null;
  loadedAt: number;
};

export type ParticipantRow = Member & {
  name: string;
  /** Meeting-scoped fingerprint hash (bans/removals); never the address. */
  subject: string;
  userId: string | null;
  online: boolean;
  joinedAt: number;
};

type Row = Record<string, SqlStorageValue>;

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
CREATE TABLE IF NOT EXISTS reports (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, reporter_id TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS flags (message_id TEXT PRIMARY KEY, participant_id TEXT NOT NULL, reasons TEXT NOT NULL, at INTEGER NOT NULL);
`;

function toParticipant(r: Row): ParticipantRow {
  return {
    id: String(r.id),
    name: String(r.name),
    role: r.role as RoomRole,
    status: r.status as ParticipantRow["status"],
    subject: String(r.subject),
    userId: r.user_id === null ? null : String(r.user_id),
    muted: r.muted === 1,
    canSelfUnmute: r.can_self_unmute === 1,
    online: r.online === 1,
    joinedAt: Number(r.joined_at),
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
    this.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, JSON.stringify(value));
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
      "INSERT INTO participants (id, name, role, status, subject, user_id, muted, can_self_unmute, online, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
      p.id, p.name, p.role, p.status, p.subject, p.userId, p.muted ? 1 : 0, p.canSelfUnmute ? 1 : 0, p.joinedAt,
    );
  }

  updateParticipant(id: string, patch: Partial<Pick<ParticipantRow, "name" | "role" | "status" | "muted" | "canSelfUnmute" | "online">>): void {
    const columns: Record<string, string> = { name: "name", role: "role", status: "status", muted: "muted", canSelfUnmute: "can_self_unmute", online: "online" };
    for (const [key, value] of Object.entries(patch)) {
      const column = columns[key];
      if (!column || value === undefined) continue;
      this.sql.exec(`UPDATE participants SET ${column} = ? WHERE id = ?`, typeof value === "boolean" ? (value ? 1 : 0) : value, id);
    }
  }

  /** Everyone currently connected with `status` (admitted: the roster; waiting: the waiting room). */
  online(status: "admitted" | "waiting"): ParticipantRow[] {
    return this.rows("SELECT * FROM participants WHERE status = ? AND online = 1 ORDER BY joined_at", status).map(toParticipant);
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
      this.rows("SELECT count(*) AS n FROM participants WHERE status IN ('admitted', 'waiting') AND (online = 1 OR joined_at > ?)", now - pendingMs)[0]?.n ?? 0,
    );
  }

  /** After a restart, sockets that did not survive leave no ghosts in the roster. */
  reconcileOnline(connected: ReadonlySet<string>): void {
    for (const row of this.rows("SELECT id FROM participants WHERE online = 1")) {
      if (!connected.has(String(row.id))) this.updateParticipant(String(row.id), { online: false });
    }
  }

  admittedOnlineCount(): number {
    return Number(this.rows("SELECT count(*) AS n FROM participants WHERE online = 1 AND status = 'admitted'")[0]?.n ?? 0);
  }

  /** Was someone with this subject (fingerprint hash) or user id removed or denied here? */
  wasRemoved(subject: string, userId: string | null): boolean {
    return this.rows("SELECT 1 FROM participants WHERE status IN ('removed', 'denied') AND (subject = ? OR (user_id IS NOT NULL AND user_id = ?)) LIMIT 1", subject, userId ?? "").length > 0;
  }

  // Bans (a local copy of the meeting's D1 bans plus those made here)
  addBan(kind: "fingerprint" | "user", subject: string): void {
    this.sql.exec("INSERT OR IGNORE INTO bans (kind, subject) VALUES (?, ?)", kind, subject);
  }

  isBanned(subject: string, userId: string | null): boolean {
    return this.rows("SELECT 1 FROM bans WHERE (kind = 'fingerprint' AND subject = ?) OR (kind = 'user' AND subject = ?) LIMIT 1", subject, userId ?? "").length > 0;
  }

  // Single-use tickets
  /** Records a ticket's jti; false if it was already used (a replay). */
  spendTicket(jti: string, expiresAt: number, now: number): boolean {
    this.sql.exec("DELETE FROM tickets WHERE expires_at < ?", now - 60_000);
    if (this.rows("SELECT 1 FROM tickets WHERE jti = ?", jti).length > 0) return false;
    this.sql.exec("INSERT INTO tickets (jti, expires_at) VALUES (?, ?)", jti, expiresAt);
    return true;
  }

  // Passcode guesses (wrong ones only, kept 15 minutes)
  recordWrongGuess(fingerprint: string, now: number): void {
    this.sql.exec("INSERT INTO guesses (fingerprint, at) VALUES (?, ?)", fingerprint, now);
  }

  wrongGuesses(fingerprint: string, since: number): number[] {
    return this.rows("SELECT at FROM guesses WHERE fingerprint = ? AND at > ?", fingerprint, since).map((r) => Number(r.at));
  }

  roomWrongGuesses(since: number): number[] {
    return this.rows("SELECT at FROM guesses WHERE at > ?", since).map((r) => Number(r.at));
  }

  forgetGuessesBefore(cutoff: number): void {
    this.sql.exec("DELETE FROM guesses WHERE at < ?", cutoff);
  }

  // Chat
  addMessage(m: ChatMessage): void {
    this.sql.exec("INSERT INTO messages (id, participant_id, name, text, at) VALUES (?, ?, ?, ?, ?)", m.id, m.participantId, m.name, m.text, m.at);
  }

  message(id: string): ChatMessage | null {
    const r = this.rows("SELECT * FROM messages WHERE id = ?", id)[0];
    return r ? { id: String(r.id), participantId: String(r.participant_id), name: String(r.name), text: String(r.text), at: Number(r.at) } : null;
  }

  /** The latest `limit` messages sent at or after `since`, oldest first. */
  recentMessages(limit: number, since: number): ChatMessage[] {
    return this.rows("SELECT * FROM (SELECT rowid AS seq, * FROM messages WHERE at >= ? ORDER BY at DESC, seq DESC LIMIT ?) ORDER BY at, seq", since, limit).map((r) => ({
      id: String(r.id),
      participantId: String(r.participant_id),
      name: String(r.name),
      text: String(r.text),
      at: Number(r.at),
    }));
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

  messageCount(): number {
    return Number(this.rows("SELECT count(*) AS n FROM messages")[0]?.n ?? 0);
  }

  // Reports and flags (host-only queues)
  addReport(r: Report): void {
    this.sql.exec("INSERT INTO reports (id, message_id, reporter_id, reason, at) VALUES (?, ?, ?, ?, ?)", r.id, r.messageId, r.reporterId, r.reason, r.at);
  }

  reports(): Report[] {
    return this.rows("SELECT * FROM reports ORDER BY at").map((r) => ({ id: String(r.id), messageId: String(r.message_id), reporterId: String(r.reporter_id), reason: String(r.reason), at: Number(r.at) }));
  }

  addFlag(f: Flag): void {
    this.sql.exec("INSERT OR REPLACE INTO flags (message_id, participant_id, reasons, at) VALUES (?, ?, ?, ?)", f.messageId, f.participantId, JSON.stringify(f.reasons), f.at);
  }

  flags(): Flag[] {
    return this.rows("SELECT * FROM flags ORDER BY at").map((r) => ({ messageId: String(r.message_id), participantId: String(r.participant_id), reasons: JSON.parse(String(r.reasons)) as string[], at: Number(r.at) }));
  }

  /**
   * At the end: nobody is online; names, guess records and the fingerprint hashes of everyone who
   * was not removed are no longer needed (meeting-wide bans live on in D1).
   */
  endRoster(): void {
    this.sql.exec("UPDATE participants SET name = 'Guest', online = 0, subject = CASE WHEN status IN ('removed', 'denied') THEN subject ELSE '' END");
    this.sql.exec("DELETE FROM guesses");
  }
}
