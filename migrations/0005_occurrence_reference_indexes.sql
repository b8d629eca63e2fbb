-- Tables that reference occurrences get an index on that column: SQLite checks foreign keys on
-- every delete of an occurrence (re-planning a schedule drops future ones) by looking them up here,
-- and the re-plan skips occurrences that money or moderation records point at.
CREATE INDEX IF NOT EXISTS `journal_lines_occurrence_idx` ON `journal_lines` (`occurrence_id`);
CREATE INDEX IF NOT EXISTS `contribution_batches_occurrence_idx` ON `contribution_batches` (`occurrence_id`);
CREATE INDEX IF NOT EXISTS `room_bans_occurrence_idx` ON `room_bans` (`occurrence_id`);
