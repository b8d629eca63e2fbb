/**
 * Drizzle mirrors of the Stripe tables created by `migrations/0011_stripe_tradition.sql`
 * (hand-written; the SQL file is the source of truth, including its CHECK constraints).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { groups, users } from "./schema";
import { journalEntries } from "./schema-treasury";

export const stripeConnections = sqliteTable("stripe_connections", {
  groupId: text("group_id")
    .primaryKey()
    .references(() => groups.id),
  /** The group's public Stripe Payment Link (shown on its meeting pages and rooms). */
  paymentLink: text("payment_link").notNull(),
  /** AES-GCM ciphertext of the webhook signing secret; never returned by the API. */
  webhookSecretEnc: text("webhook_secret_enc").notNull(),
  /** The group's Stripe pricing: percent in basis points (290 = 2.9 %) plus a fixed fee per payment. */
  feePercentBps: integer("fee_percent_bps").notNull(),
  feeFixedCents: integer("fee_fixed_cents").notNull(),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: integer("updated_at").notNull(),
});
export type StripeConnection = typeof stripeConnections.$inferSelect;

export const STRIPE_OUTCOMES = ["posted", "refused"] as const;
export type StripeOutcome = (typeof STRIPE_OUTCOMES)[number];

export const stripeEvents = sqliteTable(
  "stripe_events",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    outcome: text("outcome", { enum: STRIPE_OUTCOMES }).notNull(),
    /** Why an event was refused (`currency_mismatch`, `period_closed`), for the treasurer. */
    reason: text("reason"),
    entryId: text("entry_id")
      .unique()
      .references(() => journalEntries.id),
    /** Stripe's payment id: links a refund to its contribution. Not donor data. */
    paymentRef: text("payment_ref"),
    amountCents: integer("amount_cents").notNull(),
    feeCents: integer("fee_cents").notNull().default(0),
    /** For a posted refund: the amount already refunded before it (unique per payment: a chain). */
    refundBaseCents: integer("refund_base_cents"),
    currency: text("currency").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.eventId] }),
    index("stripe_events_group_idx").on(t.groupId, t.outcome, t.createdAt),
    index("stripe_events_payment_idx").on(t.groupId, t.paymentRef),
    uniqueIndex("stripe_events_refund_chain_idx")
      .on(t.groupId, t.paymentRef, t.refundBaseCents)
      .where(sql`${t.refundBaseCents} IS NOT NULL`),
  ],
);
export type StripeEventRow = typeof stripeEvents.$inferSelect;
