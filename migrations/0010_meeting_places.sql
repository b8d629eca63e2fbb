-- Places (issue 14): how a meeting is attended and where. Columns added in place (no table
-- rebuild: that would drop ON DELETE CASCADE children on D1). Existing meetings become
-- online meetings whose approximate place the feed derives from their zone until a secretary sets one.
ALTER TABLE `meetings` ADD COLUMN `attendance_option` text DEFAULT 'online' NOT NULL CHECK (`attendance_option` IN ('online', 'in_person', 'hybrid'));--> statement-breakpoint
-- Online meetings: a rough place such as "Chicago, IL, USA" (Meeting Guide `approximate: "yes"`).
ALTER TABLE `meetings` ADD COLUMN `approximate_place` text;--> statement-breakpoint
-- In-person and hybrid meetings: the venue.
ALTER TABLE `meetings` ADD COLUMN `location_name` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD COLUMN `address` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD COLUMN `city` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD COLUMN `region` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD COLUMN `postal_code` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD COLUMN `country` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD COLUMN `latitude` real;--> statement-breakpoint
ALTER TABLE `meetings` ADD COLUMN `longitude` real;--> statement-breakpoint
ALTER TABLE `meetings` ADD COLUMN `location_notes` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD COLUMN `wheelchair_access` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Directory regions, broad to narrow (JSON array), e.g. ["Chicago", "North Side"]; feed `regions`.
ALTER TABLE `meetings` ADD COLUMN `regions` text;--> statement-breakpoint
-- The slug a meeting had in the Meeting Guide feed it was imported from: re-imports update it.
ALTER TABLE `meetings` ADD COLUMN `source_slug` text;--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_group_source_slug_idx` ON `meetings` (`group_id`, `source_slug`) WHERE `source_slug` IS NOT NULL;
