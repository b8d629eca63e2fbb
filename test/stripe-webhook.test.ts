import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type ErrorJson, call } from "./helpers";
import {
  DONOR,
  WEBHOOK_SECRET,
  chargeRefunded,
  checkoutCompleted,
  deliver,
  otherEvent,
  payoutPaid,
} from "./stripe-fixtures";
import { type Books, jsonOf, setupBooks } from "./treasury-helpers";

type Balances = Record<string, number>;

async function balances(groupId: string): Promise<Balances> {
  const { results } = await env.DB.prepare("SELECT code, balance_cents AS b FROM v_account_balance WHERE group_id = ?")
    .bind(groupId)
    .all<{ code: string; b: number }>();
  return Object.fromEntries(results.map((r) => [r.code, r.b]));
}
async function trialBalance(groupId: string): Promise<number> {
  return (
    (
      await env.DB.prepare("SELECT coalesce(sum(balance_cents), 0) AS s FROM v_account_balance WHERE group_id = ?")
        .bind(groupId)
        .first<{ s: number }>()
    )?.s ?? Number.NaN
  );
}
async function entryCount(groupId: string): Promise<number> {
  return (
    (
      await env.DB.prepare("SELECT count(*) AS n FROM journal_entries WHERE group_id = ?")
        .bind(groupId)
        .first<{ n: number }>()
    )?.n ?? -1
  );
}

/** A group with books and a Stripe connection at 2.9 % + 30¢. */
async function connectedBooks(overrides: Parameters<typeof setupBooks>[0] = {}): Promise<Books> {
  const books = await setupBooks(overrides);
  const res = await call(`/api/groups/${books.groupId}/treasury/stripe`, {
    method: "PUT",
    headers: books.treasurer.auth,
    json: {
      paymentLink: "https://buy.stripe.com/test_7sI5mZ",
      webhookSecret: WEBHOOK_SECRET,
      feePercentBps: 290,
      feeFixedCents: 30,
    },
  });
  expect(res.status).toBe(200);
  return books;
}

describe("Stripe connection", () => {
  let books: Books;
  beforeAll(async () => {
    books = await connectedBooks();
  });

  it("stores the webhook secret encrypted and never returns it", async () => {
    const row = await env.DB.prepare("SELECT * FROM stripe_connections WHERE group_id = ?")
      .bind(books.groupId)
      .first<Record<string, unknown>>();
    expect(JSON.stringify(row)).not.toContain("whsec_");
    const status = await jsonOf<{ connection: Record<string, unknown>; webhookPath: string }>(
      await call(`/api/groups/${books.groupId}/treasury/stripe`, { headers: books.treasurer.auth }),
    );
    expect(JSON.stringify(status)).not.toContain("whsec_");
    expect(status.connection).toMatchObject({
      paymentLink: "https://buy.stripe.com/test_7sI5mZ",
      hasSecret: true,
      feePercentBps: 290,
    });
    expect(status.webhookPath).toBe(`/api/webhooks/stripe/${books.groupId}`);
  });

  it("only the treasurer connects; a link to another site or a malformed secret is refused", async () => {
    const put = (member: Books["admin"], json: unknown) =>
      call(`/api/groups/${books.groupId}/treasury/stripe`, { method: "PUT", headers: member.auth, json });
    expect(
      (await put(books.secretary, { paymentLink: "https://buy.stripe.com/x", webhookSecret: WEBHOOK_SECRET })).status,
    ).toBe(403);
    expect(
      (await put(books.admin, { paymentLink: "https://buy.stripe.com/x", webhookSecret: WEBHOOK_SECRET })).status,
    ).toBe(403);
    const evil = await put(books.treasurer, { paymentLink: "https://stripe.com.evil.example/pay" });
    expect(evil.status).toBe(400);
    expect((await jsonOf<ErrorJson>(evil)).error.issues?.[0]?.path).toBe("json.paymentLink");
    expect(
      (await put(books.treasurer, { paymentLink: "https://buy.stripe.com/x", webhookSecret: "sk_live_oops" })).status,
    ).toBe(400);
    const fresh = await setupBooks();
    const noSecret = await call(`/api/groups/${fresh.groupId}/treasury/stripe`, {
      method: "PUT",
      headers: fresh.treasurer.auth,
      json: { paymentLink: "https://buy.stripe.com/x" },
    });
    expect(noSecret.status).toBe(400);
  });

  it("the meeting page shows the group's Payment Link", async () => {
    const res = await jsonOf<{ meeting: { seventhTradition: { stripe: string | null } } }>(
      await call(`/api/meetings/${books.meetingId}`),
    );
    expect(res.meeting.seventhTradition.stripe).toBe("https://buy.stripe.com/test_7sI5mZ");
  });
});

describe("POST /api/webhooks/stripe/:groupId", () => {
  let books: Books;
  beforeAll(async () => {
    books = await connectedBooks();
  });

  it("refuses a bad signature, a wrong secret and a missing header with 400, writing nothing", async () => {
    const payload = checkoutCompleted({ amount: 1000 });
    const before = await entryCount(books.groupId);
    const wrongSecret = await deliver(books.groupId, payload, { secret: "whsec_someone_else_entirely_000000" });
    expect(wrongSecret.status).toBe(400);
    expect((await jsonOf<ErrorJson>(wrongSecret)).error.code).toBe("invalid_signature");
    const body = JSON.stringify(payload);
    const tampered = await call(`/api/webhooks/stripe/${books.groupId}`, {
      method: "POST",
      body: body.replace('"amount_total":1000', '"amount_total":100000'),
      headers: { "Content-Type": "application/json", "Stripe-Signature": await deliverHeader(body) },
    });
    expect(tampered.status).toBe(400);
    const missing = await call(`/api/webhooks/stripe/${books.groupId}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json" },
    });
    expect(missing.status).toBe(400);
    expect(await entryCount(books.groupId)).toBe(before);
  });

  it("refuses a delivery signed more than 5 minutes ago (a captured replay) with 400", async () => {
    const res = await deliver(books.groupId, checkoutCompleted({ amount: 1000 }), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(res.status).toBe(400);
    expect((await jsonOf<ErrorJson>(res)).error.code).toBe("invalid_signature");
  });

  it("answers 404 for a group without a connection", async () => {
    const other = await setupBooks();
    expect((await deliver(other.groupId, checkoutCompleted({ amount: 1000 }))).status).toBe(404);
  });

  it("posts gross to 4100, the fee to Processing fees and the net to Stripe balance, tagged with the meeting", async () => {
    const before = await balances(books.groupId);
    const res = await deliver(books.groupId, checkoutCompleted({ amount: 2000, meetingId: books.meetingId }));
    expect(res.status).toBe(200);
    const out = await jsonOf<{ outcome: string; entryId: string }>(res);
    expect(out.outcome).toBe("posted");
    const after = await balances(books.groupId);
    const fee = Math.round(2000 * 0.029) + 30; // 88
    expect((after["4100"] ?? 0) - (before["4100"] ?? 0)).toBe(-2000);
    expect((after["5600"] ?? 0) - (before["5600"] ?? 0)).toBe(fee);
    expect((after["1200"] ?? 0) - (before["1200"] ?? 0)).toBe(2000 - fee);
    const entry = await env.DB.prepare("SELECT memo, kind, created_by FROM journal_entries WHERE id = ?")
      .bind(out.entryId)
      .first<{ memo: string; kind: string; created_by: string | null }>();
    expect(entry).toEqual({ memo: "Online contribution — Monday Big Book", kind: "contribution", created_by: null });
    const tagged = await env.DB.prepare("SELECT count(*) AS n FROM journal_lines WHERE entry_id = ? AND meeting_id = ?")
      .bind(out.entryId, books.meetingId)
      .first<{ n: number }>();
    expect(tagged?.n).toBe(3);
    expect(await trialBalance(books.groupId)).toBe(0);
  });

  it("verifies the exact bytes Stripe sent: a pretty-printed payload (as Stripe sends it) posts", async () => {
    const res = await deliver(books.groupId, JSON.stringify(checkoutCompleted({ amount: 1100 }), null, 2));
    expect(res.status).toBe(200);
    expect((await jsonOf<{ outcome: string }>(res)).outcome).toBe("posted");
  });

  it("a meeting id from another group in the metadata is not trusted: plain memo, no tag", async () => {
    const stranger = await setupBooks();
    const out = await jsonOf<{ entryId: string }>(
      await deliver(books.groupId, checkoutCompleted({ amount: 500, meetingId: stranger.meetingId })),
    );
    const entry = await env.DB.prepare("SELECT memo FROM journal_entries WHERE id = ?")
      .bind(out.entryId)
      .first<{ memo: string }>();
    expect(entry?.memo).toBe("Online contribution");
  });

  it("a replayed event posts once, sequentially and concurrently", async () => {
    const payload = checkoutCompleted({ amount: 1500 });
    const before = await entryCount(books.groupId);
    const first = await jsonOf<{ outcome: string; entryId: string }>(await deliver(books.groupId, payload));
    const again = await jsonOf<{ outcome: string; entryId: string }>(await deliver(books.groupId, payload));
    expect(first.outcome).toBe("posted");
    expect(again).toMatchObject({ outcome: "duplicate", entryId: first.entryId });
    const burst = checkoutCompleted({ amount: 700 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => deliver(books.groupId, burst)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await entryCount(books.groupId)).toBe(before + 2);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM stripe_events WHERE group_id = ? AND event_id = ?")
      .bind(books.groupId, burst.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("a refund posts the reversal out of the Stripe balance; partial refunds post only what is new", async () => {
    const pi = "pi_refund_case_1";
    await deliver(books.groupId, checkoutCompleted({ amount: 3000, paymentIntent: pi, meetingId: books.meetingId }));
    const before = await balances(books.groupId);
    const part = await jsonOf<{ outcome: string; entryId: string }>(
      await deliver(books.groupId, chargeRefunded({ amount: 3000, refunded: 1000, paymentIntent: pi })),
    );
    expect(part.outcome).toBe("posted");
    const full = await jsonOf<{ outcome: string; entryId: string }>(
      await deliver(books.groupId, chargeRefunded({ amount: 3000, refunded: 3000, paymentIntent: pi })),
    );
    expect(full.outcome).toBe("posted");
    const after = await balances(books.groupId);
    expect((after["4100"] ?? 0) - (before["4100"] ?? 0)).toBe(3000);
    expect((after["1200"] ?? 0) - (before["1200"] ?? 0)).toBe(-3000);
    expect((after["5600"] ?? 0) - (before["5600"] ?? 0)).toBe(0);
    const entry = await env.DB.prepare("SELECT kind, memo FROM journal_entries WHERE id = ?")
      .bind(full.entryId)
      .first<{ kind: string; memo: string }>();
    expect(entry).toEqual({ kind: "reversal", memo: "Refund of an online contribution" });
    expect(await trialBalance(books.groupId)).toBe(0);
  });

  it("a refund that arrives before its payment is answered 409 (Stripe retries) and posts after it", async () => {
    const pi = "pi_refund_early";
    const early = await deliver(books.groupId, chargeRefunded({ amount: 1200, refunded: 1200, paymentIntent: pi }));
    expect(early.status).toBe(409);
    await deliver(books.groupId, checkoutCompleted({ amount: 1200, paymentIntent: pi }));
    const refund = chargeRefunded({ amount: 1200, refunded: 1200, paymentIntent: pi });
    expect((await jsonOf<{ outcome: string }>(await deliver(books.groupId, refund))).outcome).toBe("posted");
  });

  it("a payout moves Stripe balance into Checking", async () => {
    const before = await balances(books.groupId);
    const out = await jsonOf<{ outcome: string; entryId: string }>(
      await deliver(books.groupId, payoutPaid({ amount: 1234 })),
    );
    expect(out.outcome).toBe("posted");
    const after = await balances(books.groupId);
    expect((after["1000"] ?? 0) - (before["1000"] ?? 0)).toBe(1234);
    expect((after["1200"] ?? 0) - (before["1200"] ?? 0)).toBe(-1234);
  });

  it("acknowledges other event types with 200 and stores nothing", async () => {
    const before = await entryCount(books.groupId);
    const res = await deliver(books.groupId, otherEvent());
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ received: true, outcome: "ignored" });
    const unpaid = await deliver(books.groupId, checkoutCompleted({ amount: 900, paymentStatus: "unpaid" }));
    expect(await jsonOf(unpaid)).toMatchObject({ outcome: "ignored" });
    expect(await entryCount(books.groupId)).toBe(before);
  });

  it("refuses a currency other than the group's, posts nothing and shows it to the treasurer", async () => {
    const before = await entryCount(books.groupId);
    const payload = checkoutCompleted({ amount: 5000, currency: "eur" });
    const res = await deliver(books.groupId, payload);
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ outcome: "refused", reason: "currency_mismatch" });
    expect(await entryCount(books.groupId)).toBe(before);
    const status = await jsonOf<{
      events: { eventId: string; outcome: string; reason: string; currency: string; amountCents: number }[];
    }>(await call(`/api/groups/${books.groupId}/treasury/stripe`, { headers: books.treasurer.auth }));
    expect(status.events.find((e) => e.eventId === payload.id)).toMatchObject({
      outcome: "refused",
      reason: "currency_mismatch",
      currency: "EUR",
      amountCents: 5000,
    });
  });

  it("a handled event without Stripe's shape is a 400, not a 500", async () => {
    const bad = {
      id: "evt_badshape",
      object: "event",
      created: 1_790_000_000,
      type: "payout.paid",
      data: { object: { object: "payout", amount: "12.00" } },
    };
    const res = await deliver(books.groupId, bad);
    expect(res.status).toBe(400);
    expect((await jsonOf<ErrorJson>(res)).error.code).toBe("invalid_event");
  });

  it("the monthly report counts every Stripe contribution (less refunds) as online, none as cash", async () => {
    const month = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago", year: "numeric", month: "2-digit" })
      .format(Date.now())
      .slice(0, 7);
    const res = await jsonOf<{ report: { income: { seventhTradition: { cashCents: number; onlineCents: number } } } }>(
      await call(`/api/groups/${books.groupId}/treasury/reports/monthly?month=${month}`, {
        headers: books.treasurer.auth,
      }),
    );
    const seventh = await env.DB.prepare(
      "SELECT -coalesce(sum(l.amount_cents), 0) AS s FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE e.group_id = ? AND l.account_id = ?",
    )
      .bind(books.groupId, books.accounts["4100"])
      .first<{ s: number }>();
    expect(seventh?.s).toBeGreaterThan(0);
    expect(res.report.income.seventhTradition).toEqual({ cashCents: 0, onlineCents: seventh?.s });
  });

  it("keeps nothing about the donor: no name, email, phone, card or customer id in any table", async () => {
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
    ).all<{ name: string }>();
    const dump: string[] = [];
    for (const { name } of tables.results)
      dump.push(JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results));
    const all = dump.join("\n");
    expect(all).toContain("stripe:"); // the events really were stored
    for (const secret of [DONOR.name, DONOR.email, DONOR.customer, DONOR.phone, "Jordan", "cus_"])
      expect(all.includes(secret), secret).toBe(false);
  });
});

async function deliverHeader(body: string): Promise<string> {
  const { default: Stripe } = await import("stripe");
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload: body,
    secret: WEBHOOK_SECRET,
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
}

describe("Stripe events in random orders (fast-check)", () => {
  it("trial balance stays 0, one entry per event id, and the books end where Stripe does", async () => {
    const payment = fc.record({
      amount: fc.integer({ min: 1, max: 200_000 }),
      refundPct: fc.constantFrom(0, 0, 50, 100),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(payment, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 50_000 }), { maxLength: 2 }),
        fc.infiniteStream(fc.nat()),
        async (payments, payouts, picks) => {
          const books = await connectedBooks();
          const events: { payload: Record<string, unknown>; id: string }[] = [];
          payments.forEach((p, n) => {
            const pi = `pi_prop_${books.groupId}_${n}`;
            events.push({ payload: checkoutCompleted({ amount: p.amount, paymentIntent: pi }), id: "" });
            const refunded = Math.floor((p.amount * p.refundPct) / 100);
            if (refunded > 0)
              events.push({ payload: chargeRefunded({ amount: p.amount, refunded, paymentIntent: pi }), id: "" });
          });
          for (const amount of payouts) events.push({ payload: payoutPaid({ amount }), id: "" });
          for (const e of events) e.id = String(e.payload.id);
          // Deliver in a random order, each event possibly twice; a 409 (refund before its payment) goes back in the queue.
          const queue = [...events];
          const it = picks[Symbol.iterator]();
          let guard = 0;
          while (queue.length && guard++ < 200) {
            const [e] = queue.splice(it.next().value % queue.length, 1);
            const res = await deliver(books.groupId, e!.payload);
            expect([200, 409]).toContain(res.status);
            if (res.status === 409 || it.next().value % 3 === 0) queue.push(e!);
            expect(await trialBalance(books.groupId)).toBe(0);
          }
          expect(queue).toEqual([]);
          const perEvent = await env.DB.prepare(
            "SELECT count(*) AS n, count(DISTINCT source) AS d FROM journal_entries WHERE group_id = ?",
          )
            .bind(books.groupId)
            .first<{ n: number; d: number }>();
          const expectedEntries = events.length;
          expect(perEvent).toEqual({ n: expectedEntries, d: expectedEntries });
          const gross = payments.reduce((a, p) => a + p.amount, 0);
          const refunded = payments.reduce((a, p) => a + Math.floor((p.amount * p.refundPct) / 100), 0);
          const fees = payments.reduce((a, p) => a + Math.min(p.amount, Math.round(p.amount * 0.029) + 30), 0);
          const paidOut = payouts.reduce((a, b) => a + b, 0);
          const b = await balances(books.groupId);
          expect(b["4100"] ?? 0).toBe(refunded - gross);
          expect(b["5600"] ?? 0).toBe(fees);
          expect(b["1200"] ?? 0).toBe(gross - fees - refunded - paidOut);
          expect(b["1000"] ?? 0).toBe(paidOut);
        },
      ),
      { numRuns: 8 },
    );
  }, 240_000);
});
