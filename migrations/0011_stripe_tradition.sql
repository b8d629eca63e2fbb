-- Online Seventh Tradition from Stripe (issue 18). Hand-written and reviewed; new tables only.

-- A group's Stripe connection: its public Payment Link, the webhook signing secret (AES-GCM,
-- never returned by the API) and the group's Stripe pricing, used to split each payment's fee.
CREATE TABLE `stripe_connections` (
	`group_id` text PRIMARY KEY NOT NULL REFERENCES `groups`(`id`),
	`payment_link` text NOT NULL CHECK (length(`payment_link`) BETWEEN 9 AND 300 AND `payment_link` LIKE 'https://%'),
	`webhook_secret_enc` text NOT NULL,
	`fee_percent_bps` integer NOT NULL CHECK (typeof(`fee_percent_bps`) = 'integer' AND `fee_percent_bps` BETWEEN 0 AND 1000),
	`fee_fixed_cents` integer NOT NULL CHECK (typeof(`fee_fixed_cents`) = 'integer' AND `fee_fixed_cents` BETWEEN 0 AND 1000),
	`updated_by` text REFERENCES `users`(`id`),
	`updated_at` integer NOT NULL
);

-- Every Stripe event that moved (or was refused from) the books. The primary key is what makes a
-- webhook idempotent: the row is written in the same batch as its journal entry, so a retried or
-- concurrent delivery of one event fails whole. Nothing about the donor is kept: `payment_ref` is
-- Stripe's payment id (it links a refund to its contribution), amounts are integer minor units.
CREATE TABLE `stripe_events` (
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`event_id` text NOT NULL CHECK (length(`event_id`) BETWEEN 1 AND 255),
	`type` text NOT NULL,
	`outcome` text NOT NULL CHECK (`outcome` IN ('posted', 'refused')),
	`reason` text,
	`entry_id` text UNIQUE REFERENCES `journal_entries`(`id`),
	`payment_ref` text,
	`amount_cents` integer NOT NULL CHECK (typeof(`amount_cents`) = 'integer' AND `amount_cents` >= 0),
	`fee_cents` integer NOT NULL DEFAULT 0 CHECK (typeof(`fee_cents`) = 'integer' AND `fee_cents` >= 0),
	-- For a posted refund: how much of the payment was already refunded before it. Unique per
	-- payment, so two partial refunds racing from the same starting point cannot both post.
	`refund_base_cents` integer CHECK (`refund_base_cents` IS NULL OR (typeof(`refund_base_cents`) = 'integer' AND `refund_base_cents` >= 0)),
	`currency` text NOT NULL,
	`created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000),
	PRIMARY KEY (`group_id`, `event_id`),
	CHECK ((`outcome` = 'posted') = (`entry_id` IS NOT NULL))
);
CREATE INDEX `stripe_events_group_idx` ON `stripe_events` (`group_id`, `outcome`, `created_at`);
CREATE INDEX `stripe_events_payment_idx` ON `stripe_events` (`group_id`, `payment_ref`);
CREATE UNIQUE INDEX `stripe_events_refund_chain_idx` ON `stripe_events` (`group_id`, `payment_ref`, `refund_base_cents`) WHERE `refund_base_cents` IS NOT NULL;
