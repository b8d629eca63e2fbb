/**
 * Stripe event payloads in the shapes Stripe documents (API reference: Event, Checkout Session,
 * Charge, Payout; snapshot events), signed with the `stripe` package's own test-header helper.
 * The donor fields (name, email, customer id, card) are filled in so tests can prove none is kept.
 */
import Stripe from "stripe";
import { call } from "./helpers";

export const WEBHOOK_SECRET = "whsec_test_0123456789abcdefghijklmnopqrstuv";
export const DONOR = {
  name: "Jordan Q. Donor",
  email: "jordan.donor@example.com",
  customer: "cus_DonorX9y8z7",
  card: "4242",
  phone: "+15555550123",
};

const cryptoProvider = Stripe.createSubtleCryptoProvider();
let seq = 0;
const nextId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(++seq).toString(36).padStart(6, "0")}`;

type Obj = Record<string, unknown>;

function event(type: string, object: Obj, created = Math.floor(Date.now() / 1000), id = nextId("evt")): Obj {
  return {
    id,
    object: "event",
    api_version: "2026-10-28.clover",
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export function checkoutCompleted(opts: {
  amount: number;
  currency?: string;
  paymentIntent?: string;
  meetingId?: string;
  created?: number;
  id?: string;
  paymentStatus?: string;
}): Obj {
  const object = {
    id: nextId("cs_test"),
    object: "checkout.session",
    amount_subtotal: opts.amount,
    amount_total: opts.amount,
    currency: opts.currency ?? "usd",
    customer: DONOR.customer,
    customer_creation: "if_required",
    customer_details: {
      address: { city: null, country: "US", line1: null, line2: null, postal_code: "60601", state: null },
      email: DONOR.email,
      name: DONOR.name,
      phone: DONOR.phone,
      tax_exempt: "none",
      tax_ids: [],
    },
    customer_email: DONOR.email,
    livemode: false,
    metadata: opts.meetingId ? { meeting_id: opts.meetingId } : {},
    mode: "payment",
    payment_intent: opts.paymentIntent ?? nextId("pi"),
    payment_link: "plink_1Test",
    payment_method_types: ["card"],
    payment_status: opts.paymentStatus ?? "paid",
    status: "complete",
    submit_type: "donate",
    success_url: "https://example.com/thanks",
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
  };
  return event("checkout.session.completed", object, opts.created, opts.id);
}

export function chargeRefunded(opts: {
  amount: number;
  refunded: number;
  paymentIntent: string;
  currency?: string;
  id?: string;
}): Obj {
  const object = {
    id: nextId("ch"),
    object: "charge",
    amount: opts.amount,
    amount_captured: opts.amount,
    amount_refunded: opts.refunded,
    balance_transaction: nextId("txn"),
    billing_details: { address: { postal_code: "60601" }, email: DONOR.email, name: DONOR.name, phone: DONOR.phone },
    captured: true,
    currency: opts.currency ?? "usd",
    customer: DONOR.customer,
    paid: true,
    payment_intent: opts.paymentIntent,
    payment_method_details: { card: { brand: "visa", last4: DONOR.card, exp_month: 12, exp_year: 2030 }, type: "card" },
    receipt_email: DONOR.email,
    refunded: opts.refunded === opts.amount,
    status: "succeeded",
  };
  return event("charge.refunded", object, undefined, opts.id);
}

export function payoutPaid(opts: { amount: number; currency?: string; arrival?: number; id?: string }): Obj {
  const arrival = opts.arrival ?? Math.floor(Date.now() / 1000);
  const object = {
    id: nextId("po"),
    object: "payout",
    amount: opts.amount,
    arrival_date: arrival,
    automatic: true,
    currency: opts.currency ?? "usd",
    destination: "ba_1Bank",
    method: "standard",
    status: "paid",
    type: "bank_account",
  };
  return event("payout.paid", object, undefined, opts.id);
}

export function otherEvent(): Obj {
  return event("customer.created", { id: DONOR.customer, object: "customer", email: DONOR.email, name: DONOR.name });
}

/** Signs `payload` the way Stripe does (optionally at another time) and POSTs it to the group's webhook. */
export async function deliver(
  groupId: string,
  payload: Obj | string,
  opts: { secret?: string; timestamp?: number } = {},
): Promise<Response> {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const header = await Stripe.webhooks.generateTestHeaderStringAsync({
    payload: body,
    secret: opts.secret ?? WEBHOOK_SECRET,
    timestamp: opts.timestamp,
    cryptoProvider,
  });
  return call(`/api/webhooks/stripe/${groupId}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Stripe-Signature": header,
      "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    },
  });
}
