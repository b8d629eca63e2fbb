import { describe, expect, it } from "vitest";
import { checkEntryLines } from "./ledger";
import {
  contributionLines,
  contributionMemo,
  interpretStripeEvent,
  payoutLines,
  refundLines,
  stripeFeeCents,
} from "./stripe-events";

const accounts = { balance: "bal", fees: "fee", seventhTradition: "st", checking: "chk" };
const envelope = (type: string, object: Record<string, unknown>) => ({
  id: "evt_1",
  type,
  created: 1_795_000_000,
  data: { object },
});

describe("stripeFeeCents", () => {
  it("applies percent + fixed, rounded to the cent, and never exceeds the payment", () => {
    expect(stripeFeeCents(2000, { feePercentBps: 290, feeFixedCents: 30 })).toBe(88);
    expect(stripeFeeCents(25, { feePercentBps: 290, feeFixedCents: 30 })).toBe(25);
    expect(stripeFeeCents(1000, { feePercentBps: 0, feeFixedCents: 0 })).toBe(0);
  });
});

describe("lines", () => {
  it("contribution, refund and payout entries balance; zero lines are dropped", () => {
    for (const lines of [
      contributionLines(2000, 88, accounts, { meetingId: null }),
      contributionLines(25, 25, accounts, { meetingId: "m" }),
      contributionLines(500, 0, accounts, { meetingId: null }),
      refundLines(700, accounts, { meetingId: null }),
      payoutLines(1234, accounts),
    ]) {
      expect(checkEntryLines(lines)).toEqual([]);
    }
    expect(contributionLines(25, 25, accounts, { meetingId: null }).map((l) => l.accountId)).toEqual(["fee", "st"]);
  });
  it("names the meeting, never a person", () => {
    expect(contributionMemo(null)).toBe("Online contribution");
    expect(contributionMemo("Monday Big Book")).toBe("Online contribution — Monday Big Book");
  });
});

describe("interpretStripeEvent", () => {
  it("reads a paid Checkout Session and keeps only amount, currency, payment id and meeting", () => {
    const m = interpretStripeEvent(
      envelope("checkout.session.completed", {
        object: "checkout.session",
        amount_total: 1500,
        currency: "usd",
        payment_status: "paid",
        payment_intent: "pi_1",
        metadata: { meeting_id: "mtg_1" },
        customer_details: { email: "a@b.c", name: "X" },
      }),
    );
    expect(m).toEqual({
      kind: "contribution",
      grossCents: 1500,
      currency: "USD",
      paymentRef: "pi_1",
      meetingId: "mtg_1",
      at: 1_795_000_000_000,
    });
  });
  it("ignores unpaid sessions and other types; throws on a handled type without Stripe's shape", () => {
    expect(
      interpretStripeEvent(
        envelope("checkout.session.completed", {
          object: "checkout.session",
          amount_total: 1500,
          currency: "usd",
          payment_status: "unpaid",
          payment_intent: null,
        }),
      ),
    ).toEqual({ kind: "ignored", reason: "not_paid" });
    expect(interpretStripeEvent(envelope("invoice.paid", {}))).toEqual({ kind: "ignored", reason: "unhandled_type" });
    expect(() =>
      interpretStripeEvent(
        envelope("payout.paid", { object: "payout", amount: 10.5, currency: "usd", id: "po_1", arrival_date: 1 }),
      ),
    ).toThrow();
  });
});
