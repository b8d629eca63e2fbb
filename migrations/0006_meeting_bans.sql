-- Bans that hold against a changed User-Agent or a new tab, a ban list hosts can read and lift,
-- and a flag for passcodes set before the 6-character minimum.
-- Hand-written (see common brief): new tables, ADD COLUMN, a copy and a DROP of a table without
-- children; no table rebuilds.

-- One row per ban a host made: what the ban list shows (when, in which occurrence) and whether it
-- was lifted. No personal data: the keys it matches live in meeting_ban_keys, hashed.
CREATE TABLE `meeting_bans` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL REFERENCES `meetings`(`id`),
	`occurrence_id` text REFERENCES `occurrences`(`id`),
	`created_by_participant` text NOT NULL,
	`created_by_user` text REFERENCES `users`(`id`),
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`lifted_at` integer,
	`lifted_by_user` text REFERENCES `users`(`id`)
);
CREATE INDEX `meeting_bans_meeting_idx` ON `meeting_bans` (`meeting_id`, `created_at`);

-- What an active ban matches: the meeting-scoped hash of the connecting network (IPv6 /64), of the
-- device key the web app keeps in local storage, or a signed-in user's id. Lifting deletes them.
CREATE TABLE `meeting_ban_keys` (
	`ban_id` text NOT NULL REFERENCES `meeting_bans`(`id`) ON DELETE CASCADE,
	`meeting_id` text NOT NULL REFERENCES `meetings`(`id`),
	`kind` text NOT NULL CHECK (`kind` IN ('address', 'device', 'user')),
	`subject` text NOT NULL
);
-- The gate's lookup: is this key banned from this meeting?
CREATE UNIQUE INDEX `meeting_ban_keys_subject_idx` ON `meeting_ban_keys` (`meeting_id`, `kind`, `subject`);
CREATE INDEX `meeting_ban_keys_ban_idx` ON `meeting_ban_keys` (`ban_id`);

-- Earlier bans carry over: each becomes one ban. Their fingerprint hashes mixed in the User-Agent,
-- so they are kept for the list but can no longer match anyone; user bans keep matching.
INSERT INTO `meeting_bans` (`id`, `meeting_id`, `occurrence_id`, `created_by_participant`, `created_by_user`, `created_at`)
	SELECT `id`, `meeting_id`, `occurrence_id`, `created_by_participant`, `created_by_user`, `created_at` FROM `room_bans`;
INSERT INTO `meeting_ban_keys` (`ban_id`, `meeting_id`, `kind`, `subject`)
	SELECT `id`, `meeting_id`, 'user', `subject` FROM `room_bans` WHERE `kind` = 'user';
DROP TABLE `room_bans`;

-- 1 when the passcode may be shorter than 6 characters: every passcode set before this migration
-- (the hash does not tell its length), and the demo seed's. The dashboard calls such a passcode weak.
ALTER TABLE `meetings` ADD COLUMN `passcode_weak` integer DEFAULT 0 NOT NULL;
UPDATE `meetings` SET `passcode_weak` = 1 WHERE `passcode_hash` IS NOT NULL;
