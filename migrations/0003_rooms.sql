-- Live rooms: meeting-wide bans and the moderation audit trail.
-- Hand-written (see common brief): only CREATE TABLE / CREATE INDEX, no table rebuilds.

-- A ban keeps someone out of every occurrence of a meeting. Anonymous joiners are banned by a
-- salted, meeting-scoped hash of their connection fingerprint (never the address itself);
-- signed-in users by user id.
CREATE TABLE `room_bans` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL REFERENCES `meetings`(`id`),
	`kind` text NOT NULL CHECK (`kind` IN ('fingerprint', 'user')),
	`subject` text NOT NULL,
	`occurrence_id` text REFERENCES `occurrences`(`id`),
	`created_by_participant` text NOT NULL,
	`created_by_user` text REFERENCES `users`(`id`),
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
-- The gate's lookup: is this subject banned from this meeting?
CREATE UNIQUE INDEX `room_bans_subject_idx` ON `room_bans` (`meeting_id`, `kind`, `subject`);

-- Who did what to whom, when: ids only (no names, no chat text).
CREATE TABLE `moderation_audit` (
	`id` text PRIMARY KEY NOT NULL,
	`occurrence_id` text NOT NULL REFERENCES `occurrences`(`id`),
	`meeting_id` text NOT NULL REFERENCES `meetings`(`id`),
	`actor_participant_id` text NOT NULL,
	`actor_user_id` text REFERENCES `users`(`id`),
	`action` text NOT NULL,
	`target_participant_id` text,
	`at` integer NOT NULL
);
CREATE INDEX `moderation_audit_occurrence_idx` ON `moderation_audit` (`occurrence_id`, `at`);
CREATE INDEX `moderation_audit_meeting_idx` ON `moderation_audit` (`meeting_id`, `at`);
