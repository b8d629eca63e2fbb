/**
 * What a verified Stripe event means for the books (pure: no I/O). Only the fields read here are
 * kept; everything else in the payload — the donor's name, email, card and customer id — is
 * dropped at this boundary and never reaches storage or logs.
 */
import { z } from "zod";
import type { AccountType } from "../db/schema-treasury";
import type { LineInput } from "./ledger";
import { MAX_CENTS } from "./money";

/** The two accounts a Stripe connection adds to the group's chart (deterministic codes). */
export const STRIPE_ACCOUNTS = {
  balance: { code: "1200", name: "Stripe balance", type: "asset" as AccountType },
  fees: { code: "5600", name: "Processing fees", type: "expense" as AccountType },
} as const;

/** Stripe's standard card pricing (2.9 % + 30¢), the default until the treasurer sets the group's. */
export const DEFAULT_STRIPE_PRICING = { feePercentBps: 290, feeFixedCents: 30 } as const;

const minorUnits = z.number().int().min(0).max(MAX_CENTS);
const currency = z
  .string()
  .regex(/^[a-zA-Z]{3}$/)
  .transform((s) => s.toUpperCase());
const metadata = z.record(z.string(), z.string()).nullish();

const checkoutSession = z.object({
  object: z.literal("checkout.session"),
  amount_total: minorUnits.nullable(),
  currency: currency.nullable(),
  payment_status: z.string(),
  payment_intent: z.string().max(255).nullable(),
  metadata,
});
const charge = z.object({
  object: z.literal("charge"),
  id: z.string().max(255),
  amount: minorUnits,
  amount_refunded: minorUnits,
  currency,
  payment_intent: z.string().max(255).nullable(),
});
const payout = z.object({
  object: z.literal("payout"),
  id: z.string().max(255),
  amount: minorUnits,
  currency,
  arrival_date: z.number().int().positive(),
});

/** The envelope every Stripe event shares (snapshot events, API versions 2020 and later). */
export const stripeEventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(100),
  created: z.number().int().positive(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type StripeEventEnvelope = z.infer<typeof stripeEventSchema>;

/** A payment's money as the books see it; `paymentRef` links refunds to their contribution. */
export type StripeMovement =
  | {
      kind: "contribution";
      grossCents: number;
      currency: string;
      paymentRef: string | null;
      meetingId: string | null;
      at: number;
    }
  | { kind: "refund"; refundedTotalCents: number; currency: string; paymentRef: string; at: number }
  | { kind: "payout"; amountCents: number; currency: string; paymentRef: string; at: number }
  | { kind: "ignored"; reason: string };

/** The events the books react to; any other type is acknowledged and ignored. */
export const HANDLED_EVENT_TYPES = ["checkout.session.completed", "charge.refunded", "payout.paid"] as const;

/**
 * Reads a verified event. Unknown types and unpaid sessions are `ignored`; a handled type whose
 * object does not have Stripe's documented shape throws a ZodError (the route answers 400).
 */
export function interpretStripeEvent(event: StripeEventEnvelope): StripeMovement {
  const at = event.created * 1000;
  switch (event.type) {
    case "checkout.session.completed": {
      const s = checkoutSession.parse(event.data.object);
      if (s.payment_status !== "paid") return { kind: "ignored", reason: "not_paid" };
      if (!s.amount_total || !s.currency) return { kind: "ignored", reason: "no_amount" };
      const meetingId = s.metadata?.meeting_id?.trim() || null;
      return {
        kind: "contribution",
        grossCents: s.amount_total,
        currency: s.currency,
        paymentRef: s.payment_intent,
        meetingId,
        at,
      };
    }
    case "charge.refunded": {
      const ch = charge.parse(event.data.object);
      return {
        kind: "refund",
        refundedTotalCents: ch.amount_refunded,
        currency: ch.currency,
        paymentRef: ch.payment_intent ?? ch.id,
        at,
      };
    }
    case "payout.paid": {
      const p = payout.parse(event.data.object);
      return {
        kind: "payout",
        amountCents: p.amount,
        currency: p.currency,
        paymentRef: p.id,
        at: p.arrival_date * 1000,
      };
    }
    default:
      return { kind: "ignored", reason: "unhandled_type" };
  }
}

/** Stripe's fee for a payment under the group's pricing, never more than the payment itself. */
export function stripeFeeCents(grossCents: number, pricing: { feePercentBps: number; feeFixedCents: number }): number {
  if (grossCents <= 0) return 0;
  return Math.min(grossCents, Math.round((grossCents * pricing.feePercentBps) / 10_000) + pricing.feeFixedCents);
}

export type StripeAccountIds = { balance: string; fees: string; seventhTradition: string; checking: string };
type Tag = { meetingId: string | null };

/** Drops zero lines (a fee of 0, or a payment eaten whole by its fee). */
const nonZero = (lines: LineInput[]) => lines.filter((l) => l.amountCents !== 0);

/** Gross credited to 4100 Seventh Tradition; the fee to Processing fees; the net to Stripe balance. */
export function contributionLines(grossCents: number, feeCents: number, a: StripeAccountIds, tag: Tag): LineInput[] {
  return nonZero([
    { accountId: a.balance, amountCents: grossCents - feeCents, meetingId: tag.meetingId },
    { accountId: a.fees, amountCents: feeCents, meetingId: tag.meetingId },
    { accountId: a.seventhTradition, amountCents: -grossCents, meetingId: tag.meetingId },
  ]);
}

/** A refund gives the money back out of the Stripe balance (Stripe keeps its fee). */
export function refundLines(refundCents: number, a: StripeAccountIds, tag: Tag): LineInput[] {
  return [
    { accountId: a.seventhTradition, amountCents: refundCents, meetingId: tag.meetingId },
    { accountId: a.balance, amountCents: -refundCents, meetingId: tag.meetingId },
  ];
}

/** A payout moves money from the Stripe balance into the group's checking account. */
export function payoutLines(amountCents: number, a: StripeAccountIds): LineInput[] {
  return [
    { accountId: a.checking, amountCents },
    { accountId: a.balance, amountCents: -amountCents },
  ];
}

/** The memo of an online contribution: never the donor, at most the meeting it was given at. */
export function contributionMemo(meetingName: string | null): string {
  return meetingName ? `Online contribution — ${meetingName}` : "Online contribution";
}

/** The journal's `source` for an event: unique, so a second posting of one event fails whole. */
export const stripeSource = (groupId: string, eventId: string) => `stripe:${groupId}:${eventId}`;
