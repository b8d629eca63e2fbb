/**
 * Each participant's SFU session, in the room's SQLite storage: the session id, the microphone
 * track it publishes (if any), the mids it pulls, and the pulls waiting for its previous answer.
 * Ids only: no audio, no SDP, nothing about the person.
 */
/** A pulled track in a listener's session: its mid there, and the speaker's track it carries (`trackKey`). */
export type Pull = { mid: string; source: string };

/** One published track's key: the publisher's session id and the track's name. */
export const trackKey = (t: { sessionId: string; trackName: string }): string => `${t.sessionId}/${t.trackName}`;

export type VoiceSession = {
  participantId: string;
  sessionId: string;
  mic: { mid: string; trackName: string } | null;
  /**
   * The tracks this session pulls now: closed on the SFU when their speaker stops (the session keeps
   * no dead tracks, so an SFU can reuse their slots) and when the participant leaves or is removed.
   */
  pulls: Pull[];
  /** True while the SFU's last offer waits for the browser's answer; later pulls queue. */
  awaiting: boolean;
  queued: { sessionId: string; trackName: string }[];
  /** Microphones published so far: the next track name is unique in the session. */
  published: number;
  /** The client's request id on the `voice.join` that opened this session (named on each offer for it), or null. */
  joinId: string | null;
};

type Row = Record<string, SqlStorageValue>;

const SCHEMA = `CREATE TABLE IF NOT EXISTS voice_sessions (
  participant_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, mic_mid TEXT, mic_track TEXT,
  pulls TEXT NOT NULL DEFAULT '[]', awaiting INTEGER NOT NULL DEFAULT 0, queued TEXT NOT NULL DEFAULT '[]',
  published INTEGER NOT NULL DEFAULT 0, join_id TEXT)`;

function toSession(r: Row): VoiceSession {
  return {
    participantId: String(r.participant_id),
    sessionId: String(r.session_id),
    mic: r.mic_mid === null ? null : { mid: String(r.mic_mid), trackName: String(r.mic_track) },
    pulls: (JSON.parse(String(r.pulls)) as (Pull | string)[]).map((p) =>
      // Rows written before pulls named their source held bare mids: kept, closed when the session ends.
      typeof p === "string" ? { mid: p, source: "" } : p,
    ),
    awaiting: r.awaiting === 1,
    queued: JSON.parse(String(r.queued)) as VoiceSession["queued"],
    published: Number(r.published),
    joinId: r.join_id === null || r.join_id === undefined ? null : String(r.join_id),
  };
}

export class VoiceStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
    // Rooms whose table predates request ids get the column (a room lives across deploys).
    const columns = sql.exec<{ name: string }>("PRAGMA table_info(voice_sessions)").toArray();
    if (!columns.some((c) => c.name === "join_id")) sql.exec("ALTER TABLE voice_sessions ADD COLUMN join_id TEXT");
    // participantOf runs once per pull: a lookup, not a scan of the room's sessions.
    sql.exec("CREATE INDEX IF NOT EXISTS voice_sessions_by_session ON voice_sessions (session_id)");
  }

  get(participantId: string): VoiceSession | null {
    const row = this.sql.exec<Row>("SELECT * FROM voice_sessions WHERE participant_id = ?", participantId).toArray()[0];
    return row ? toSession(row) : null;
  }

  all(): VoiceSession[] {
    return this.sql.exec<Row>("SELECT * FROM voice_sessions").toArray().map(toSession);
  }

  /** The sessions publishing a microphone now: a handful, read on every pull without listing the room. */
  withMic(): VoiceSession[] {
    return this.sql.exec<Row>("SELECT * FROM voice_sessions WHERE mic_mid IS NOT NULL").toArray().map(toSession);
  }

  /** Whose SFU session this is, if it is still someone's. */
  participantOf(sessionId: string): string | null {
    const row = this.sql
      .exec<Row>("SELECT participant_id FROM voice_sessions WHERE session_id = ?", sessionId)
      .toArray()[0];
    return row ? String(row.participant_id) : null;
  }

  put(s: VoiceSession): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO voice_sessions (participant_id, session_id, mic_mid, mic_track, pulls, awaiting, queued, published, join_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      s.participantId,
      s.sessionId,
      s.mic?.mid ?? null,
      s.mic?.trackName ?? null,
      JSON.stringify(s.pulls),
      s.awaiting ? 1 : 0,
      JSON.stringify(s.queued),
      s.published,
      s.joinId,
    );
  }

  delete(participantId: string): void {
    this.sql.exec("DELETE FROM voice_sessions WHERE participant_id = ?", participantId);
  }
}
