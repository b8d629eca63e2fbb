-- Treasury (issue 6): double-entry books for a group's Seventh Tradition money.
-- Hand-written and reviewed. Amounts are integer cents; CHECKs refuse anything else even if a
-- code path forgot to validate. Posted journal rows are never updated: corrections are reversals.

-- Chart of accounts, per group. A used account is deactivated (active = 0), never deleted.
CREATE TABLE `treasury_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`code` text NOT NULL CHECK (length(`code`) BETWEEN 1 AND 16),
	`name` text NOT NULL CHECK (length(`name`) BETWEEN 1 AND 80),
	`type` text NOT NULL CHECK (`type` IN ('asset', 'liability', 'equity', 'income', 'expense')),
	`active` integer NOT NULL DEFAULT 1 CHECK (`active` IN (0, 1)),
	`created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE UNIQUE INDEX `treasury_accounts_group_code_idx` ON `treasury_accounts` (`group_id`, `code`);

-- One journal entry. `created_by` keeps the user id even after erasure: the users row then reads
-- as an anonymous, erased actor, so the books still say "someone posted this" without a name.
-- `source` names what produced the entry (e.g. "expense:<id>") and is unique, so a double payment
-- fails its whole batch. `reverses_entry_id` is unique: an entry is reversed at most once.
CREATE TABLE `journal_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`date` text NOT NULL CHECK (`date` GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	`memo` text NOT NULL CHECK (length(`memo`) <= 500),
	`kind` text NOT NULL CHECK (`kind` IN ('manual', 'contribution', 'expense', 'reversal', 'opening')),
	`reverses_entry_id` text UNIQUE REFERENCES `journal_entries`(`id`),
	`source` text UNIQUE,
	`created_by` text REFERENCES `users`(`id`),
	`created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX `journal_entries_group_date_idx` ON `journal_entries` (`group_id`, `date`, `created_at`);

CREATE TABLE `journal_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`entry_id` text NOT NULL REFERENCES `journal_entries`(`id`),
	`line_no` integer NOT NULL,
	`account_id` text NOT NULL REFERENCES `treasury_accounts`(`id`),
	-- Debits positive, credits negative; never zero, never a float, at most 1e11 cents.
	`amount_cents` integer NOT NULL CHECK (typeof(`amount_cents`) = 'integer' AND `amount_cents` <> 0 AND abs(`amount_cents`) <= 100000000000),
	`meeting_id` text REFERENCES `meetings`(`id`),
	`occurrence_id` text REFERENCES `occurrences`(`id`)
);
CREATE UNIQUE INDEX `journal_lines_entry_idx` ON `journal_lines` (`entry_id`, `line_no`);
CREATE INDEX `journal_lines_account_idx` ON `journal_lines` (`account_id`, `entry_id`);
CREATE INDEX `journal_lines_meeting_idx` ON `journal_lines` (`meeting_id`);

-- A counted Seventh Tradition collection (one meeting or occurrence), posted as one entry.
CREATE TABLE `contribution_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`entry_id` text NOT NULL UNIQUE REFERENCES `journal_entries`(`id`),
	`date` text NOT NULL,
	`meeting_id` text REFERENCES `meetings`(`id`),
	`occurrence_id` text REFERENCES `occurrences`(`id`),
	`total_cents` integer NOT NULL CHECK (typeof(`total_cents`) = 'integer' AND `total_cents` > 0),
	`cash_cents` integer NOT NULL DEFAULT 0 CHECK (typeof(`cash_cents`) = 'integer' AND `cash_cents` >= 0),
	`online_cents` integer NOT NULL DEFAULT 0 CHECK (typeof(`online_cents`) = 'integer' AND `online_cents` >= 0),
	`item_count` integer NOT NULL,
	`created_by` text REFERENCES `users`(`id`),
	`created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000),
	CHECK (`cash_cents` + `online_cents` = `total_cents`)
);
CREATE INDEX `contribution_batches_group_date_idx` ON `contribution_batches` (`group_id`, `date`);
CREATE INDEX `contribution_batches_meeting_idx` ON `contribution_batches` (`meeting_id`, `date`);

-- Receipts and other files in R2. Rows start 'pending' at sign time and become 'confirmed' only
-- after the object was checked; pending rows older than a day are purged with their object.
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`r2_key` text NOT NULL UNIQUE,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL CHECK (`size` > 0 AND `size` <= 10485760),
	`sha256` text NOT NULL CHECK (length(`sha256`) = 64),
	`status` text NOT NULL DEFAULT 'pending' CHECK (`status` IN ('pending', 'confirmed')),
	`created_by` text REFERENCES `users`(`id`),
	`created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000),
	`confirmed_at` integer
);
CREATE INDEX `attachments_group_idx` ON `attachments` (`group_id`, `status`);
CREATE INDEX `attachments_pending_idx` ON `attachments` (`status`, `created_at`);

-- Expense claims: claimed → approved | rejected; approved → paid.
CREATE TABLE `expenses` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`claimant_id` text REFERENCES `users`(`id`),
	`payee` text NOT NULL,
	`amount_cents` integer NOT NULL CHECK (typeof(`amount_cents`) = 'integer' AND `amount_cents` > 0 AND `amount_cents` <= 100000000000),
	`account_id` text NOT NULL REFERENCES `treasury_accounts`(`id`),
	`description` text NOT NULL,
	`attachment_id` text REFERENCES `attachments`(`id`),
	`no_receipt_reason` text,
	`status` text NOT NULL DEFAULT 'claimed' CHECK (`status` IN ('claimed', 'approved', 'rejected', 'paid')),
	`decided_by` text REFERENCES `users`(`id`),
	`decided_at` integer,
	`decision_note` text,
	`paid_by` text REFERENCES `users`(`id`),
	`paid_at` integer,
	`paid_entry_id` text REFERENCES `journal_entries`(`id`),
	`created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000),
	`updated_at` integer NOT NULL,
	-- A paid expense always has a receipt or a stated reason for lacking one.
	CHECK (`status` <> 'paid' OR `attachment_id` IS NOT NULL OR length(`no_receipt_reason`) > 0)
);
CREATE INDEX `expenses_group_status_idx` ON `expenses` (`group_id`, `status`, `created_at`);
CREATE INDEX `expenses_attachment_idx` ON `expenses` (`attachment_id`);

-- Fiscal years start on the group's fiscal_year_start_month; a closed year refuses postings.
CREATE TABLE `fiscal_years` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`label` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`closed_at` integer,
	`closed_by` text REFERENCES `users`(`id`),
	`created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000),
	CHECK (`starts_on` < `ends_on`)
);
CREATE UNIQUE INDEX `fiscal_years_group_start_idx` ON `fiscal_years` (`group_id`, `starts_on`);
CREATE INDEX `fiscal_years_group_end_idx` ON `fiscal_years` (`group_id`, `ends_on`);

CREATE TABLE `budget_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`fiscal_year_id` text NOT NULL REFERENCES `fiscal_years`(`id`),
	`account_id` text NOT NULL REFERENCES `treasury_accounts`(`id`),
	`amount_cents` integer NOT NULL CHECK (typeof(`amount_cents`) = 'integer' AND `amount_cents` >= 0 AND `amount_cents` <= 100000000000)
);
CREATE UNIQUE INDEX `budget_lines_fy_account_idx` ON `budget_lines` (`fiscal_year_id`, `account_id`);

-- The group conscience plan: prudent reserve and the distribution split (percent, sums to 100).
CREATE TABLE `treasury_plans` (
	`group_id` text PRIMARY KEY NOT NULL REFERENCES `groups`(`id`),
	`reserve_mode` text NOT NULL CHECK (`reserve_mode` IN ('months', 'amount')),
	`reserve_months` integer CHECK (`reserve_months` IS NULL OR (`reserve_months` BETWEEN 0 AND 24)),
	`reserve_amount_cents` integer CHECK (`reserve_amount_cents` IS NULL OR (typeof(`reserve_amount_cents`) = 'integer' AND `reserve_amount_cents` >= 0)),
	`district_pct` integer NOT NULL,
	`area_pct` integer NOT NULL,
	`intergroup_pct` integer NOT NULL,
	`gso_pct` integer NOT NULL,
	`adopted_on` text,
	`updated_by` text REFERENCES `users`(`id`),
	`updated_at` integer NOT NULL,
	CHECK (`district_pct` >= 0 AND `area_pct` >= 0 AND `intergroup_pct` >= 0 AND `gso_pct` >= 0),
	CHECK (`district_pct` + `area_pct` + `intergroup_pct` + `gso_pct` = 100)
);

-- Bank statement balances recorded for reconciliation (a balance assertion on the books).
CREATE TABLE `bank_statements` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`account_id` text NOT NULL REFERENCES `treasury_accounts`(`id`),
	`statement_date` text NOT NULL,
	`balance_cents` integer NOT NULL CHECK (typeof(`balance_cents`) = 'integer'),
	`note` text,
	`created_by` text REFERENCES `users`(`id`),
	`created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX `bank_statements_group_idx` ON `bank_statements` (`group_id`, `account_id`, `statement_date`);

-- Idempotency-Key records: the first response to a money-affecting request, replayed verbatim.
CREATE TABLE `idempotency_keys` (
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`response_status` integer NOT NULL,
	`response_body` text NOT NULL,
	`created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000),
	PRIMARY KEY (`group_id`, `key`)
);

-- Who did what to which money record, written in the same batch as the change.
-- `actor_id` is nullable: an erased user's actions stay, attributed to nobody in particular.
CREATE TABLE `treasury_audit` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL REFERENCES `groups`(`id`),
	`actor_id` text REFERENCES `users`(`id`),
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before_json` text,
	`after_json` text,
	`at` integer NOT NULL
);
CREATE INDEX `treasury_audit_group_idx` ON `treasury_audit` (`group_id`, `at`);
CREATE INDEX `treasury_audit_entity_idx` ON `treasury_audit` (`entity`, `entity_id`);
CREATE INDEX `treasury_audit_actor_idx` ON `treasury_audit` (`actor_id`);

-- Current balance of every account (debit-positive), including accounts with no lines yet.
CREATE VIEW `v_account_balance` AS
SELECT
	a.`group_id` AS group_id,
	a.`id` AS account_id,
	a.`code` AS code,
	a.`name` AS name,
	a.`type` AS type,
	a.`active` AS active,
	COALESCE(SUM(l.`amount_cents`), 0) AS balance_cents
FROM `treasury_accounts` a
LEFT JOIN `journal_lines` l ON l.`account_id` = a.`id`
GROUP BY a.`id`;

-- Net movement per account per day: balances "as of" a date sum the rows up to it.
CREATE VIEW `v_account_daily` AS
SELECT
	e.`group_id` AS group_id,
	l.`account_id` AS account_id,
	e.`date` AS date,
	SUM(l.`amount_cents`) AS net_cents
FROM `journal_lines` l
JOIN `journal_entries` e ON e.`id` = l.`entry_id`
GROUP BY l.`account_id`, e.`date`;

-- Budget vs actual for every income and expense account in every fiscal year of its group.
-- Actual is in the account's natural sign (income credits and expense debits count positive);
-- variance = budget - actual; pct_used is NULL without a budget.
CREATE VIEW `v_budget_vs_actual` AS
WITH actuals AS (
	SELECT fy.`id` AS fiscal_year_id, l.`account_id` AS account_id, SUM(l.`amount_cents`) AS net_cents
	FROM `fiscal_years` fy
	JOIN `journal_entries` e ON e.`group_id` = fy.`group_id` AND e.`date` BETWEEN fy.`starts_on` AND fy.`ends_on`
	JOIN `journal_lines` l ON l.`entry_id` = e.`id`
	GROUP BY fy.`id`, l.`account_id`
),
rows AS (
	SELECT
		fy.`id` AS fiscal_year_id,
		fy.`group_id` AS group_id,
		a.`id` AS account_id,
		a.`code` AS code,
		a.`name` AS name,
		a.`type` AS type,
		COALESCE(b.`amount_cents`, 0) AS budget_cents,
		CASE a.`type` WHEN 'income' THEN -COALESCE(x.`net_cents`, 0) ELSE COALESCE(x.`net_cents`, 0) END AS actual_cents,
		b.`amount_cents` IS NOT NULL AS has_budget
	FROM `fiscal_years` fy
	JOIN `treasury_accounts` a ON a.`group_id` = fy.`group_id` AND a.`type` IN ('income', 'expense')
	LEFT JOIN `budget_lines` b ON b.`fiscal_year_id` = fy.`id` AND b.`account_id` = a.`id`
	LEFT JOIN actuals x ON x.`fiscal_year_id` = fy.`id` AND x.`account_id` = a.`id`
)
SELECT
	fiscal_year_id, group_id, account_id, code, name, type, budget_cents, actual_cents,
	budget_cents - actual_cents AS variance_cents,
	CASE WHEN budget_cents > 0 THEN round(actual_cents * 100.0 / budget_cents, 1) END AS pct_used
FROM rows
WHERE has_budget OR actual_cents <> 0;
