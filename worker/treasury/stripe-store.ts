/**
 * Stripe I/O: the group's connection (secret sealed at rest) and posting a verified event into
 * the books — at most one entry per event id, whatever the retries or concurrency.
 */
import { and, desc, eq } from "drizzle-orm";
import { decryptText, encryptText } from "../auth/crypto";
import { db } from "../db/client";
import { meetings } from "../db/schema";
import { type StripeConnection, stripeConnections, stripeEvents } from "../db/schema-stripe";
import { journalLines, treasuryAccounts } from "../db/schema-treasury";
import { refuse } from "../lib/errors";
import { newId } from "../lib/ids";
import { log } from "../lib/log";
import { CODES } from "./chart";
import { todayIn } from "./fiscal-year";
import type { LineInput } from "./ledger";
import {
  contributionLines,
  contributionMemo,
  interpretStripeEvent,
  payoutLines,
  refundLines,
  STRIPE_ACCOUNTS,
  type StripeAccountIds,
  type StripeEventEnvelope,
  stripeFeeCents,
  stripeSource,
} from "./stripe-events";
import { loadPostingWindow, postingDateRefusal } from "./posting-date";
import { accountsByCode, isUniqueViolation, loadGroup, postEntryStatements, runBatch, type Statement } from "./store";

/** A key of its own for webhook secrets, derived from EMAIL_ENC_KEY (AES key = SHA-256 of this). */
const secretKey = (env: Env) => `stripe-webhook-secret\u0000${env.EMAIL_ENC_KEY}`;

export const sealWebhookSecret = (env: Env, secret: string) => encryptText(secretKey(env), secret);
export const openWebhookSecret = (env: Env, sealed: string) => decryptText(secretKey(env), sealed);

export async function loadConnection(env: Env, groupId: string): Promise<StripeConnection | undefined> {
  return db(env).select().from(stripeConnections).where(eq(stripeConnections.groupId, groupId)).get();
}

/** The connection as the dashboard sees it: never the secret. */
export function connectionView(c: StripeConnection) {
  return {
    paymentLink: c.paymentLink,
    feePercentBps: c.feePercentBps,
    feeFixedCents: c.feeFixedCents,
    hasSecret: true,
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}

/** Stripe balance and Processing fees, created in the group's chart when missing. */
export async function stripeAccounts(env: Env, groupId: string): Promise<StripeAccountIds> {
  let byCode = await accountsByCode(env, groupId);
  const missing = Object.values(STRIPE_ACCOUNTS).filter((a) => !byCode.has(a.code));
  if (missing.length) {
    await db(env)
      .insert(treasuryAccounts)
      .values(missing.map((a) => ({ id: newId("acc_"), groupId, ...a })))
      .onConflictDoNothing();
    byCode = await accountsByCode(env, groupId);
  }
  const pick = (code: string, type: string) => {
    const a = byCode.get(code);
    if (!a?.active || a.type !== type)
      throw refuse(
        "conflict",
        "account_unavailable",
        `Account ${code} must be an active ${type} account for Stripe postings`,
      );
    return a.id;
  };
  return {
    balance: pick(STRIPE_ACCOUNTS.balance.code, STRIPE_ACCOUNTS.balance.type),
    fees: pick(STRIPE_ACCOUNTS.fees.code, STRIPE_ACCOUNTS.fees.type),
    seventhTradition: pick(CODES.seventhTradition, "income"),
    checking: pick(CODES.checking, "asset"),
  };
}

export type StripeResult = {
  outcome: "posted" | "duplicate" | "ignored" | "refused";
  entryId?: string | null;
  reason?: string;
};

async function recorded(env: Env, groupId: string, eventId: string) {
  return db(env)
    .select({ entryId: stripeEvents.entryId, outcome: stripeEvents.outcome })
    .from(stripeEvents)
    .where(and(eq(stripeEvents.groupId, groupId), eq(stripeEvents.eventId, eventId)))
    .get();
}

/** The contribution a refund belongs to, what was refunded before, and the meeting it was tagged with. */
async function refundContext(env: Env, groupId: string, paymentRef: string) {
  const d = db(env);
  const rows = await d
    .select({ type: stripeEvents.type, amountCents: stripeEvents.amountCents, entryId: stripeEvents.entryId })
    .from(stripeEvents)
    .where(
      and(
        eq(stripeEvents.groupId, groupId),
        eq(stripeEvents.paymentRef, paymentRef),
        eq(stripeEvents.outcome, "posted"),
      ),
    );
  const contribution = rows.find((r) => r.type === "checkout.session.completed");
  if (!contribution?.entryId) return null;
  const refundedBefore = rows.filter((r) => r.type === "charge.refunded").reduce((a, r) => a + r.amountCents, 0);
  const tagged = await d
    .select({ meetingId: journalLines.meetingId })
    .from(journalLines)
    .where(eq(journalLines.entryId, contribution.entryId))
    .limit(1)
    .get();
  return { refundedBefore, meetingId: tagged?.meetingId ?? null };
}

/**
 * Posts one verified Stripe event. Returns `duplicate` for an event already handled, `ignored`
 * for events the books do not need, `refused` (and records it for the treasurer) for a currency
 * other than the group's or a date the books refuse (posting-date.ts). A refund that arrives before its payment is
 * answered 409 so Stripe delivers it again later.
 */
export async function applyStripeEvent(
  env: Env,
  groupId: string,
  event: StripeEventEnvelope,
  connection: StripeConnection,
): Promise<StripeResult> {
  const before = await recorded(env, groupId, event.id);
  if (before) return { outcome: "duplicate", entryId: before.entryId };
  const movement = interpretStripeEvent(event);
  if (movement.kind === "ignored") return { outcome: "ignored", reason: movement.reason };

  const group = await loadGroup(env, groupId);
  const d = db(env);
  const base = {
    groupId,
    eventId: event.id,
    type: event.type,
    currency: movement.currency,
    paymentRef: movement.paymentRef,
  };
  const amount =
    movement.kind === "contribution"
      ? movement.grossCents
      : movement.kind === "refund"
        ? movement.refundedTotalCents
        : movement.amountCents;
  const date = todayIn(group.timezone, movement.at);

  const refuseEvent = async (reason: string): Promise<StripeResult> => {
    await d
      .insert(stripeEvents)
      .values({ ...base, outcome: "refused", reason, amountCents: amount })
      .onConflictDoNothing();
    log("stripe_event_refused", { groupId, eventType: event.type, reason });
    return { outcome: "refused", reason };
  };
  if (movement.currency !== group.currency.toUpperCase()) return refuseEvent("currency_mismatch");
  // The books' one date rule (posting-date.ts): a closed year, or outside the group's books.
  const dateRefusal = postingDateRefusal(date, await loadPostingWindow(env, groupId));
  if (dateRefusal) return refuseEvent(dateRefusal.code);

  const accounts = await stripeAccounts(env, groupId);
  let lines: LineInput[];
  let memo: string;
  let kind: "contribution" | "reversal" | "manual";
  let row: { amountCents: number; feeCents?: number; refundBaseCents?: number };
  if (movement.kind === "contribution") {
    const meeting = movement.meetingId
      ? await d
          .select({ id: meetings.id, name: meetings.name })
          .from(meetings)
          .where(and(eq(meetings.id, movement.meetingId), eq(meetings.groupId, groupId)))
          .get()
      : undefined;
    const fee = stripeFeeCents(movement.grossCents, connection);
    lines = contributionLines(movement.grossCents, fee, accounts, { meetingId: meeting?.id ?? null });
    memo = contributionMemo(meeting?.name ?? null);
    kind = "contribution";
    row = { amountCents: movement.grossCents, feeCents: fee };
  } else if (movement.kind === "refund") {
    const ctx = await refundContext(env, groupId, movement.paymentRef);
    if (!ctx)
      throw refuse(
        "conflict",
        "payment_unknown",
        "No online contribution recorded for this payment yet; Stripe will deliver the refund again",
      );
    const refund = movement.refundedTotalCents - ctx.refundedBefore;
    if (refund <= 0) return { outcome: "ignored", reason: "already_refunded" };
    lines = refundLines(refund, accounts, { meetingId: ctx.meetingId });
    memo = "Refund of an online contribution";
    kind = "reversal";
    row = { amountCents: refund, refundBaseCents: ctx.refundedBefore };
  } else {
    lines = payoutLines(movement.amountCents, accounts);
    memo = "Stripe payout to checking";
    kind = "manual";
    row = { amountCents: movement.amountCents };
  }

  const entryId = newId("je_");
  const posted = postEntryStatements(d, {
    id: entryId,
    groupId,
    date,
    memo,
    kind,
    source: stripeSource(groupId, event.id),
    createdBy: null,
    lines,
  });
  const statements: Statement[] = [
    ...posted.statements,
    d.insert(stripeEvents).values({ ...base, outcome: "posted", entryId, ...row }),
  ];
  try {
    await runBatch(env, statements);
  } catch (err) {
    if (isUniqueViolation(err, "stripe_events.refund_base_cents"))
      throw refuse(
        "conflict",
        "refund_race",
        "Another refund of this payment was posted at the same moment; Stripe will deliver this one again",
      );
    if (isUniqueViolation(err)) {
      const twin = await recorded(env, groupId, event.id);
      if (twin) return { outcome: "duplicate", entryId: twin.entryId };
    }
    throw err;
  }
  log("stripe_event_posted", { groupId, eventType: event.type, entryId });
  return { outcome: "posted", entryId };
}

/** Recent events for the dashboard: refused ones first, so the treasurer sees what needs a hand. */
export async function recentStripeEvents(env: Env, groupId: string, limit = 50) {
  return db(env)
    .select({
      eventId: stripeEvents.eventId,
      type: stripeEvents.type,
      outcome: stripeEvents.outcome,
      reason: stripeEvents.reason,
      amountCents: stripeEvents.amountCents,
      feeCents: stripeEvents.feeCents,
      currency: stripeEvents.currency,
      entryId: stripeEvents.entryId,
      createdAt: stripeEvents.createdAt,
    })
    .from(stripeEvents)
    .where(eq(stripeEvents.groupId, groupId))
    .orderBy(desc(stripeEvents.createdAt))
    .limit(limit);
}
