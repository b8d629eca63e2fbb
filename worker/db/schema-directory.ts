/**
 * Directory additions from migrations/0002_directory.sql, mirrored for readers of the schema.
 * The FTS5 table cannot be expressed as a drizzle table; queries reach it with raw SQL through
 * these names. Its rowid is the meeting's rowid (kept in sync by triggers on meetings/groups).
 */
export const MEETINGS_FTS = "meetings_fts" as const;
export const MEETINGS_FTS_COLUMNS = ["name", "group_name", "notes"] as const;

/** Indexes added by 0002 on `occurrences` (see the migration for the queries they serve). */
export const DIRECTORY_INDEXES = {
  window: "occurrences_window_idx",
  unpurged: "occurrences_unpurged_idx",
  unarchived: "occurrences_unarchived_idx",
} as const;
