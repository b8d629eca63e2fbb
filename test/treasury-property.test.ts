import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Books, jsonOf, post, setupBooks } from "./treasury-helpers";
import { call } from "./helpers";

const CODES = ["1000", "1100", "3000", "4100", "4200", "5200", "5300", "5400", "5500"];
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-0${1 + (d % 9)}-${String(d).padStart(2, "0")}`);
const cents = fc.integer({ min: 1, max: 5_000_000 });

type Op =
  | { kind: "contribution"; date: string; items: { amountCents: number; method: "cash" | "online" }[] }
  | { kind: "entry"; date: string; legs: { code: string; amountCents: number }[]; balanceCode: string }
  | { kind: "expense"; date: string; amountCents: number; code: string }
  | { kind: "reverse"; pick: number }
  | { kind: "invalid"; variant: number; amount: number | string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("contribution" as const),
    date: day,
    items: fc.array(fc.record({ amountCents: cents, method: fc.constantFrom("cash" as const, "online" as const) }), {
      minLength: 1,
      maxLength: 5,
    }),
  }),
  fc.record({
    kind: fc.constant("entry" as const),
    date: day,
    legs: fc.array(
      fc.record({
        code: fc.constantFrom(...CODES),
        amountCents: fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((n) => n !== 0),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    balanceCode: fc.constantFrom(...CODES),
  }),
  fc.record({
    kind: fc.constant("expense" as const),
    date: day,
    amountCents: cents,
    code: fc.constantFrom("5200", "5300", "5400", "5500"),
  }),
  fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant("invalid" as const),
    variant: fc.integer({ min: 0, max: 4 }),
    amount: fc.oneof(
      fc.constant(10.005),
      fc.constant("10"),
      fc.constant(1e20),
      fc.double({ min: 0.001, max: 1000, noInteger: true }),
    ),
  }),
);

async function counts(groupId: string) {
  const q = (sql: string) =>
    env.DB.prepare(sql)
      .bind(groupId)
      .first<{ n: number }>()
      .then((r) => r?.n ?? 0);
  return Promise.all([
    q("SELECT count(*) AS n FROM journal_entries WHERE group_id = ?"),
    q("SELECT count(*) AS n FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE e.group_id = ?"),
    q("SELECT count(*) AS n FROM treasury_audit WHERE group_id = ?"),
    q("SELECT count(*) AS n FROM idempotency_keys WHERE group_id = ?"),
    q("SELECT count(*) AS n FROM contribution_batches WHERE group_id = ?"),
  ]);
}

async function checkInvariants(groupId: string) {
  const unbalanced = await env.DB.prepare(
    "SELECT e.id, coalesce(sum(l.amount_cents), 0) AS s, count(l.id) AS n FROM journal_entries e LEFT JOIN journal_lines l ON l.entry_id = e.id WHERE e.group_id = ? GROUP BY e.id HAVING s <> 0 OR n < 2",
  )
    .bind(groupId)
    .all();
  expect(unbalanced.results).toEqual([]);
  const trial = await env.DB.prepare(
    "SELECT coalesce(sum(balance_cents), 0) AS s FROM v_account_balance WHERE group_id = ?",
  )
    .bind(groupId)
    .first<{ s: number }>();
  expect(trial?.s).toBe(0);
  const mismatched = await env.DB.prepare(
    "SELECT v.account_id FROM v_account_balance v WHERE v.group_id = ? AND v.balance_cents <> (SELECT coalesce(sum(amount_cents), 0) FROM journal_lines WHERE account_id = v.account_id)",
  )
    .bind(groupId)
    .all();
  expect(mismatched.results).toEqual([]);
  const api = await jsonOf<{ trialBalanceCents: number }>(
    await call(`/api/groups/${groupId}/treasury/balances`, { headers: books.get(groupId)!.treasurer.auth }),
  );
  expect(api.trialBalanceCents).toBe(0);
}

const books = new Map<string, Books>();

async function run(b: Books, o: Op, posted: string[]) {
  const T = `/api/groups/${b.groupId}/treasury`;
  switch (o.kind) {
    case "contribution": {
      const res = await post(`${T}/contributions/batch`, b.treasurer, {
        date: o.date,
        meetingId: b.meetingId,
        items: o.items,
      });
      expect(res.status).toBe(201);
      posted.push((await jsonOf<{ entryId: string }>(res)).entryId);
      return;
    }
    case "entry": {
      const lines = o.legs.map((l) => ({ accountId: b.accounts[l.code], amountCents: l.amountCents }));
      const sum = o.legs.reduce((a, l) => a + l.amountCents, 0);
      if (sum !== 0) lines.push({ accountId: b.accounts[o.balanceCode], amountCents: -sum });
      const res = await post(`${T}/journal/entries`, b.treasurer, { date: o.date, memo: "property entry", lines });
      if (lines.length < 2) {
        expect(res.status).toBe(400);
        return;
      }
      expect(res.status).toBe(201);
      posted.push((await jsonOf<{ entryId: string }>(res)).entryId);
      return;
    }
    case "expense": {
      const claim = await call(`${T}/expenses`, {
        method: "POST",
        json: {
          payee: "Payee",
          amountCents: o.amountCents,
          accountId: b.accounts[o.code],
          description: "property",
          noReceiptReason: "test data",
        },
        headers: b.secretary.auth,
      });
      const { expense } = await jsonOf<{ expense: { id: string } }>(claim);
      expect(
        (await call(`${T}/expenses/${expense.id}/approve`, { method: "POST", headers: b.admin.auth })).status,
      ).toBe(200);
      const paid = await post(`${T}/expenses/${expense.id}/pay`, b.treasurer, { date: o.date });
      expect(paid.status).toBe(200);
      posted.push((await jsonOf<{ entryId: string }>(paid)).entryId);
      return;
    }
    case "reverse": {
      if (posted.length === 0) return;
      const target = posted[o.pick % posted.length];
      const before = await counts(b.groupId);
      const res = await post(`${T}/journal/entries/${target}/reverse`, b.treasurer, { date: "2026-10-01" });
      const already = await env.DB.prepare("SELECT count(*) AS n FROM journal_entries WHERE reverses_entry_id = ?")
        .bind(target)
        .first<{ n: number }>();
      if (res.status === 201) expect(already?.n).toBe(1);
      else {
        expect(res.status).toBe(409);
        expect(await counts(b.groupId)).toEqual(before);
      }
      return;
    }
    case "invalid": {
      const before = await counts(b.groupId);
      const bad = [
        () =>
          post(`${T}/journal/entries`, b.treasurer, {
            date: "2026-05-05",
            memo: "bad",
            lines: [
              { accountId: b.accounts["1000"], amountCents: o.amount },
              { accountId: b.accounts["4100"], amountCents: -10 },
            ],
          }),
        () =>
          post(`${T}/contributions/batch`, b.treasurer, {
            date: "2026-05-05",
            items: [
              { amountCents: 100, method: "cash" },
              { amountCents: o.amount, method: "cash" },
            ],
          }),
        () =>
          post(`${T}/journal/entries`, b.treasurer, {
            date: "2026-05-05",
            memo: "unbalanced",
            lines: [
              { accountId: b.accounts["1000"], amountCents: 1001 },
              { accountId: b.accounts["4100"], amountCents: -1000 },
            ],
          }),
        () =>
          post(
            `${T}/journal/entries`,
            b.treasurer,
            {
              date: "2026-05-05",
              memo: "no key",
              lines: [
                { accountId: b.accounts["1000"], amountCents: 1 },
                { accountId: b.accounts["4100"], amountCents: -1 },
              ],
            },
            null,
          ),
        () =>
          post(`${T}/journal/entries`, b.treasurer, {
            date: "2026-05-05",
            memo: "foreign account",
            lines: [
              { accountId: "acc_elsewhere", amountCents: 5 },
              { accountId: b.accounts["4100"], amountCents: -5 },
            ],
          }),
      ];
      const res = await bad[o.variant]();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await counts(b.groupId)).toEqual(before);
      return;
    }
  }
}

describe("ledger invariants under random sequences (fast-check)", () => {
  it("every entry sums to zero, the trial balance is zero, the view equals the lines, failures write nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const b = await setupBooks();
        books.set(b.groupId, b);
        const posted: string[] = [];
        for (const o of ops) {
          await run(b, o, posted);
          await checkInvariants(b.groupId);
        }
      }),
      { numRuns: 20 },
    );
  }, 90_000);
});
