/**
 * Drizzle mirrors of the treasury tables created by `migrations/0004_treasury.sql` (hand-written;
 * the SQL file is the source of truth, including its CHECK constraints and views).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, sqliteView, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { groups, meetings, occurrences, users } from "./schema";

const createdAt = () => integer("created_at").notNull().default(sql`(unixepoch('subsec') * 1000)`);

import { ACCOUNT_TYPES, type AccountType } from "#shared/treasury-rules";

export { ACCOUNT_TYPES, type AccountType };

export const treasuryAccounts = sqliteTable(
  "treasury_accounts",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    type: text("type", { enum: ACCOUNT_TYPES }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("treasury_accounts_group_code_idx").on(t.groupId, t.code)],
);
export type TreasuryAccount = typeof treasuryAccounts.$inferSelect;

export const ENTRY_KINDS = ["manual", "contribution", "expense", "reversal", "opening"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const journalEntries = sqliteTable(
  "journal_entries",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    /** Calendar date of the transaction, YYYY-MM-DD. */
    date: text("date").notNull(),
    memo: text("memo").notNull(),
    kind: text("kind", { enum: ENTRY_KINDS }).notNull(),
    reversesEntryId: text("reverses_entry_id").unique(),
    /** What produced the entry ("expense:<id>", then "expense:<id>:2" after a reversed payment); unique so a duplicate posting fails its batch. */
    source: text("source").unique(),
    /** Kept after erasure: it then points at an anonymous, erased users row. */
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("journal_entries_group_date_idx").on(t.groupId, t.date, t.createdAt)],
);
export type JournalEntry = typeof journalEntries.$inferSelect;

export const journalLines = sqliteTable(
  "journal_lines",
  {
    id: text("id").primaryKey(),
    entryId: text("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    lineNo: integer("line_no").notNull(),
    accountId: text("account_id")
      .notNull()
      .references(() => treasuryAccounts.id),
    /** Debits positive, credits negative, integer cents. */
    amountCents: integer("amount_cents").notNull(),
    meetingId: text("meeting_id").references(() => meetings.id),
    occurrenceId: text("occurrence_id").references(() => occurrences.id),
  },
  (t) => [
    uniqueIndex("journal_lines_entry_idx").on(t.entryId, t.lineNo),
    index("journal_lines_account_idx").on(t.accountId, t.entryId),
    index("journal_lines_meeting_idx").on(t.meetingId),
    index("journal_lines_occurrence_idx").on(t.occurrenceId),
  ],
);
export type JournalLine = typeof journalLines.$inferSelect;

export const contributionBatches = sqliteTable(
  "contribution_batches",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    entryId: text("entry_id")
      .notNull()
      .unique()
      .references(() => journalEntries.id),
    date: text("date").notNull(),
    meetingId: text("meeting_id").references(() => meetings.id),
    occurrenceId: text("occurrence_id").references(() => occurrences.id),
    totalCents: integer("total_cents").notNull(),
    cashCents: integer("cash_cents").notNull().default(0),
    onlineCents: integer("online_cents").notNull().default(0),
    itemCount: integer("item_count").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("contribution_batches_group_date_idx").on(t.groupId, t.date),
    index("contribution_batches_meeting_idx").on(t.meetingId, t.date),
    index("contribution_batches_occurrence_idx").on(t.occurrenceId),
  ],
);

export const ATTACHMENT_STATUSES = ["pending", "confirmed"] as const;

export const attachments = sqliteTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    r2Key: text("r2_key").notNull().unique(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    /** Lowercase hex SHA-256 the uploader declared; checked against the stored object. */
    sha256: text("sha256").notNull(),
    status: text("status", { enum: ATTACHMENT_STATUSES }).notNull().default("pending"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
    confirmedAt: integer("confirmed_at"),
  },
  (t) => [
    index("attachments_group_idx").on(t.groupId, t.status),
    index("attachments_pending_idx").on(t.status, t.createdAt),
  ],
);
export type Attachment = typeof attachments.$inferSelect;

export const EXPENSE_STATUSES = ["claimed", "approved", "rejected", "paid"] as const;
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number];

export const expenses = sqliteTable(
  "expenses",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    claimantId: text("claimant_id").references(() => users.id),
    payee: text("payee").notNull(),
    amountCents: integer("amount_cents").notNull(),
    accountId: text("account_id")
      .notNull()
      .references(() => treasuryAccounts.id),
    description: text("description").notNull(),
    attachmentId: text("attachment_id").references(() => attachments.id),
    noReceiptReason: text("no_receipt_reason"),
    status: text("status", { enum: EXPENSE_STATUSES }).notNull().default("claimed"),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
    decisionNote: text("decision_note"),
    paidBy: text("paid_by").references(() => users.id),
    paidAt: integer("paid_at"),
    paidEntryId: text("paid_entry_id").references(() => journalEntries.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("expenses_group_status_idx").on(t.groupId, t.status, t.createdAt),
    index("expenses_attachment_idx").on(t.attachmentId),
  ],
);
export type Expense = typeof expenses.$inferSelect;

export const fiscalYears = sqliteTable(
  "fiscal_years",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    label: text("label").notNull(),
    startsOn: text("starts_on").notNull(),
    /** Inclusive last day. */
    endsOn: text("ends_on").notNull(),
    closedAt: integer("closed_at"),
    closedBy: text("closed_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("fiscal_years_group_start_idx").on(t.groupId, t.startsOn),
    index("fiscal_years_group_end_idx").on(t.groupId, t.endsOn),
  ],
);
export type FiscalYear = typeof fiscalYears.$inferSelect;

export const budgetLines = sqliteTable(
  "budget_lines",
  {
    id: text("id").primaryKey(),
    fiscalYearId: text("fiscal_year_id")
      .notNull()
      .references(() => fiscalYears.id),
    accountId: text("account_id")
      .notNull()
      .references(() => treasuryAccounts.id),
    amountCents: integer("amount_cents").notNull(),
  },
  (t) => [uniqueIndex("budget_lines_fy_account_idx").on(t.fiscalYearId, t.accountId)],
);

export const treasuryPlans = sqliteTable("treasury_plans", {
  groupId: text("group_id")
    .primaryKey()
    .references(() => groups.id),
  reserveMode: text("reserve_mode", { enum: ["months", "amount"] }).notNull(),
  reserveMonths: integer("reserve_months"),
  reserveAmountCents: integer("reserve_amount_cents"),
  districtPct: integer("district_pct").notNull(),
  areaPct: integer("area_pct").notNull(),
  intergroupPct: integer("intergroup_pct").notNull(),
  gsoPct: integer("gso_pct").notNull(),
  adoptedOn: text("adopted_on"),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: integer("updated_at").notNull(),
});
export type TreasuryPlanRow = typeof treasuryPlans.$inferSelect;

export const bankStatements = sqliteTable(
  "bank_statements",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    accountId: text("account_id")
      .notNull()
      .references(() => treasuryAccounts.id),
    statementDate: text("statement_date").notNull(),
    balanceCents: integer("balance_cents").notNull(),
    note: text("note"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("bank_statements_group_idx").on(t.groupId, t.accountId, t.statementDate)],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status").notNull(),
    responseBody: text("response_body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.key] })],
);

export const treasuryAudit = sqliteTable(
  "treasury_audit",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    /** Null for system actions; kept (pointing at an anonymous row) after a user's erasure. */
    actorId: text("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    beforeJson: text("before_json"),
    afterJson: text("after_json"),
    at: integer("at").notNull(),
  },
  (t) => [
    index("treasury_audit_group_idx").on(t.groupId, t.at),
    index("treasury_audit_entity_idx").on(t.entity, t.entityId),
    index("treasury_audit_actor_idx").on(t.actorId),
  ],
);

/** `v_account_balance` (migration 0004): debit-positive balance of every account. */
export const vAccountBalance = sqliteView("v_account_balance", {
  groupId: text("group_id").notNull(),
  accountId: text("account_id").notNull(),
  code: text("code").notNull(),
  name: text("name").notNull(),
  type: text("type", { enum: ACCOUNT_TYPES }).notNull(),
  active: integer("active", { mode: "boolean" }).notNull(),
  balanceCents: integer("balance_cents").notNull(),
}).existing();

/** `v_account_daily` (migration 0004): net movement per account per date. */
export const vAccountDaily = sqliteView("v_account_daily", {
  groupId: text("group_id").notNull(),
  accountId: text("account_id").notNull(),
  date: text("date").notNull(),
  netCents: integer("net_cents").notNull(),
}).existing();

/** `v_budget_vs_actual` (migration 0004). */
export const vBudgetVsActual = sqliteView("v_budget_vs_actual", {
  fiscalYearId: text("fiscal_year_id").notNull(),
  groupId: text("group_id").notNull(),
  accountId: text("account_id").notNull(),
  code: text("code").notNull(),
  name: text("name").notNull(),
  type: text("type", { enum: ACCOUNT_TYPES }).notNull(),
  budgetCents: integer("budget_cents").notNull(),
  actualCents: integer("actual_cents").notNull(),
  varianceCents: integer("variance_cents").notNull(),
  pctUsed: integer("pct_used"),
}).existing();
