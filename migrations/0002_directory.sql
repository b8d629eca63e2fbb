-- Directory: keyword search and the indexes the directory, materialize and purge queries need.

-- Full-text search over a meeting's name, its group's name and its notes. The FTS rowid is the
-- meeting's rowid, so triggers update one row by key (never a scan of the FTS table).
CREATE VIRTUAL TABLE `meetings_fts` USING fts5(`name`, `group_name`, `notes`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `meetings_fts_after_insert` AFTER INSERT ON `meetings` BEGIN
  INSERT INTO `meetings_fts` (`rowid`, `name`, `group_name`, `notes`)
  VALUES (NEW.rowid, NEW.`name`, (SELECT `name` FROM `groups` WHERE `id` = NEW.`group_id`), coalesce(NEW.`description`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `meetings_fts_after_update` AFTER UPDATE OF `name`, `description`, `group_id` ON `meetings` BEGIN
  DELETE FROM `meetings_fts` WHERE `rowid` = OLD.rowid;
  INSERT INTO `meetings_fts` (`rowid`, `name`, `group_name`, `notes`)
  VALUES (NEW.rowid, NEW.`name`, (SELECT `name` FROM `groups` WHERE `id` = NEW.`group_id`), coalesce(NEW.`description`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `meetings_fts_after_delete` AFTER DELETE ON `meetings` BEGIN
  DELETE FROM `meetings_fts` WHERE `rowid` = OLD.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `meetings_fts_group_renamed` AFTER UPDATE OF `name` ON `groups` BEGIN
  UPDATE `meetings_fts` SET `group_name` = NEW.`name` WHERE `rowid` IN (SELECT rowid FROM `meetings` WHERE `group_id` = NEW.`id`);
END;
--> statement-breakpoint
-- The directory walks occurrences in start order inside a window; meeting_id and status in the
-- index let it skip cancelled/ended rows and check "first of this meeting" without the table.
CREATE INDEX `occurrences_window_idx` ON `occurrences` (`starts_at`, `status`, `meeting_id`);
--> statement-breakpoint
-- Purge: ended or cancelled occurrences whose room has not been wiped yet.
CREATE INDEX `occurrences_unpurged_idx` ON `occurrences` (`ends_at`) WHERE `room_purged_at` IS NULL AND `status` IN ('ended', 'cancelled');
--> statement-breakpoint
-- Purge: ended or cancelled occurrences not yet archived.
CREATE INDEX `occurrences_unarchived_idx` ON `occurrences` (`ends_at`) WHERE `archived` = 0 AND `status` IN ('ended', 'cancelled');
