CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`timezone` text NOT NULL,
	`fiscal_year_start_month` integer DEFAULT 1 NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_slug_unique` ON `groups` (`slug`);--> statement-breakpoint
CREATE TABLE `meeting_tags` (
	`meeting_id` text NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `kind`, `code`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_tags_code_idx` ON `meeting_tags` (`kind`,`code`,`meeting_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`types` text NOT NULL,
	`languages` text NOT NULL,
	`timezone` text NOT NULL,
	`days` text NOT NULL,
	`start_time` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`visibility` text DEFAULT 'public' NOT NULL,
	`passcode_hash` text,
	`waiting_room` integer DEFAULT false NOT NULL,
	`capacity` integer,
	`chat_retention` text DEFAULT 'end' NOT NULL,
	`conference_url` text,
	`conference_phone` text,
	`conference_notes` text,
	`venmo` text,
	`paypal` text,
	`square` text,
	`homegroup_online` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_slug_unique` ON `meetings` (`slug`);--> statement-breakpoint
CREATE INDEX `meetings_group_idx` ON `meetings` (`group_id`);--> statement-breakpoint
CREATE INDEX `meetings_status_visibility_idx` ON `meetings` (`status`,`visibility`);--> statement-breakpoint
CREATE TABLE `occurrences` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`local_date` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`is_exception` integer DEFAULT false NOT NULL,
	`live_attendees` integer DEFAULT 0 NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`room_purged_at` integer,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `occurrences_slot_idx` ON `occurrences` (`meeting_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `occurrences_starts_idx` ON `occurrences` (`starts_at`);--> statement-breakpoint
CREATE INDEX `occurrences_meeting_starts_idx` ON `occurrences` (`meeting_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `occurrences_status_idx` ON `occurrences` (`status`,`ends_at`);--> statement-breakpoint
CREATE TABLE `service_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`group_id` text NOT NULL,
	`role` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_assignments_user_idx` ON `service_assignments` (`user_id`,`group_id`);--> statement-breakpoint
CREATE INDEX `service_assignments_group_idx` ON `service_assignments` (`group_id`,`role`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email_hmac` text,
	`email_enc` text,
	`display_name` text NOT NULL,
	`is_platform_admin` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`erased_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_hmac_unique` ON `users` (`email_hmac`);