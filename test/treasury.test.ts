import { env } from "cloudflare:workers";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { parseLedgerJournal } from "./ledger-journal-parser";
import { call, type ErrorJson } from "./helpers";
import { type Books, freshKey, jsonOf, post, setupBooks } from "./treasury-helpers";
import { createGroup, createMember } from "./fixtures";

let b: Books;
const T = () => `/api/groups/${b.groupId}/treasury`;

async function countRows(table: string, groupId = b.groupId): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE group_id = ?`)
    .bind(groupId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
async function lineCount(): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE e.group_id = ?",
  )
    .bind(b.groupId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

beforeAll(async () => {
  b = await setupBooks();
});

describe("accounts", () => {
  it("seeds the chart of accounts once", async () => {
    expect(Object.keys(b.accounts)).toEqual(["1000", "1100", "3000", "4100", "4200", "5200", "5300", "5400", "5500"]);
    await call(`${T()}/accounts`, { headers: b.treasurer.auth });
    expect(await countRows("treasury_accounts")).toBe(9);
  });
  it("is refused to a secretary and to anonymous callers", async () => {
    expect((await call(`${T()}/accounts`, { headers: b.secretary.auth })).status).toBe(403);
    expect((await call(`${T()}/accounts`)).status).toBe(401);
  });
  it("adds an account, refuses a duplicate code, deactivates a used one instead of deleting", async () => {
    const res = await call(`${T()}/accounts`, {
      method: "POST",
      json: { code: "5600", name: "Hall deposit", type: "expense" },
      headers: b.treasurer.auth,
    });
    expect(res.status).toBe(201);
    const { account } = await jsonOf<{ account: { id: string } }>(res);
    const dup = await call(`${T()}/accounts`, {
      method: "POST",
      json: { code: "5600", name: "Other", type: "expense" },
      headers: b.treasurer.auth,
    });
    expect(dup.status).toBe(409);
    expect(
      await jsonOf(
        await post(`${T()}/journal/entries`, b.treasurer, {
          date: "2026-10-01",
          memo: "deposit",
          lines: [
            { accountId: account.id, amountCents: 100 },
            { accountId: b.accounts["1000"], amountCents: -100 },
          ],
        }),
      ),
    ).toHaveProperty("entryId");
    const del = await call(`${T()}/accounts/${account.id}`, { method: "DELETE", headers: b.treasurer.auth });
    expect(await jsonOf(del)).toEqual({ deleted: false, deactivated: true });
    const refused = await post(`${T()}/journal/entries`, b.treasurer, {
      date: "2026-10-01",
      memo: "x",
      lines: [
        { accountId: account.id, amountCents: 100 },
        { accountId: b.accounts["1000"], amountCents: -100 },
      ],
    });
    expect(refused.status).toBe(400);
    expect((await jsonOf<ErrorJson>(refused)).error.issues?.[0].path).toBe("json.lines.0.accountId");
  });
  it("refuses to delete a standard-chart account (it would be re-seeded under a new id) and changes nothing", async () => {
    const before = await countRows("treasury_accounts");
    const del = await call(`${T()}/accounts/${b.accounts["4200"]}`, { method: "DELETE", headers: b.treasurer.auth });
    expect(del.status).toBe(409);
    expect((await jsonOf<ErrorJson>(del)).error.code).toBe("standard_account");
    const { accounts } = await jsonOf<{ accounts: { id: string; code: string; active: boolean; standard: boolean }[] }>(
      await call(`${T()}/accounts`, { headers: b.treasurer.auth }),
    );
    expect(accounts.find((a) => a.code === "4200")).toMatchObject({
      id: b.accounts["4200"],
      active: true,
      standard: true,
    });
    expect(accounts.find((a) => a.code === "5600")).toMatchObject({ standard: false });
    expect(await countRows("treasury_accounts")).toBe(before);
  });
});

describe("journal", () => {
  it("posts a balanced entry with audit row and reads it back", async () => {
    const audits = await countRows("treasury_audit");
    const res = await post(`${T()}/journal/entries`, b.treasurer, {
      date: "2026-10-02",
      memo: "Opening balance",
      lines: [
        { accountId: b.accounts["1000"], amountCents: 50_000 },
        { accountId: b.accounts["3000"], amountCents: -50_000 },
      ],
    });
    expect(res.status).toBe(201);
    const { entryId } = await jsonOf<{ entryId: string }>(res);
    const got = await jsonOf<{ entry: { lines: { amountCents: number }[]; createdBy: string } }>(
      await call(`${T()}/journal/entries/${entryId}`, { headers: b.treasurer.auth }),
    );
    expect(got.entry.lines.map((l) => l.amountCents)).toEqual([50_000, -50_000]);
    expect(got.entry.createdBy).toBe(b.treasurer.userId);
    expect(await countRows("treasury_audit")).toBe(audits + 1);
  });

  it("refuses unbalanced, single-line, float, string and huge amounts naming the field, writing nothing", async () => {
    const before = [await countRows("journal_entries"), await lineCount(), await countRows("treasury_audit")];
    const cases: [unknown[], string][] = [
      [
        [
          { accountId: b.accounts["1000"], amountCents: 1000 },
          { accountId: b.accounts["4100"], amountCents: -999 },
        ],
        "json.lines",
      ],
      [[{ accountId: b.accounts["1000"], amountCents: 1000 }], "json.lines"],
      [
        [
          { accountId: b.accounts["1000"], amountCents: 10.005 },
          { accountId: b.accounts["4100"], amountCents: -10.005 },
        ],
        "json.lines.0.amountCents",
      ],
      [
        [
          { accountId: b.accounts["1000"], amountCents: "10" },
          { accountId: b.accounts["4100"], amountCents: -10 },
        ],
        "json.lines.0.amountCents",
      ],
      [
        [
          { accountId: b.accounts["1000"], amountCents: 1e20 },
          { accountId: b.accounts["4100"], amountCents: -1e20 },
        ],
        "json.lines.0.amountCents",
      ],
      [
        [
          { accountId: "acc_nope", amountCents: 5 },
          { accountId: b.accounts["4100"], amountCents: -5 },
        ],
        "json.lines.0.accountId",
      ],
    ];
    for (const [lines, path] of cases) {
      const res = await post(`${T()}/journal/entries`, b.treasurer, { date: "2026-10-03", memo: "bad", lines });
      expect(res.status, JSON.stringify(lines)).toBe(400);
      const body = await jsonOf<ErrorJson>(res);
      expect(
        body.error.issues?.map((i) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const badDate = await post(`${T()}/journal/entries`, b.treasurer, {
      date: "2026-02-30",
      memo: "bad",
      lines: [
        { accountId: b.accounts["1000"], amountCents: 1 },
        { accountId: b.accounts["4100"], amountCents: -1 },
      ],
    });
    expect((await jsonOf<ErrorJson>(badDate)).error.issues?.[0].path).toBe("json.date");
    expect([await countRows("journal_entries"), await lineCount(), await countRows("treasury_audit")]).toEqual(before);
  });

  it("posts an entry with many lines (inserted in chunks inside one batch)", async () => {
    const lines = Array.from({ length: 30 }, (_, i) => ({
      accountId: b.accounts["1100"],
      amountCents: i + 1,
      meetingId: b.meetingId,
    }));
    lines.push({ accountId: b.accounts["4100"], amountCents: -465, meetingId: b.meetingId });
    const res = await post(`${T()}/journal/entries`, b.treasurer, {
      date: "2026-10-02",
      memo: "Many small coins",
      lines,
    });
    expect(res.status).toBe(201);
    const { entryId } = await jsonOf<{ entryId: string }>(res);
    const row = await env.DB.prepare(
      "SELECT count(*) AS n, sum(amount_cents) AS s FROM journal_lines WHERE entry_id = ?",
    )
      .bind(entryId)
      .first<{ n: number; s: number }>();
    expect(row).toEqual({ n: 31, s: 0 });
  });

  it("requires an Idempotency-Key on money-affecting posts", async () => {
    const res = await post(
      `${T()}/journal/entries`,
      b.treasurer,
      {
        date: "2026-10-03",
        memo: "x",
        lines: [
          { accountId: b.accounts["1000"], amountCents: 1 },
          { accountId: b.accounts["4100"], amountCents: -1 },
        ],
      },
      null,
    );
    expect(res.status).toBe(400);
    expect((await jsonOf<ErrorJson>(res)).error.code).toBe("idempotency_key_required");
  });

  it("reverses an entry once, and the pair nets to zero", async () => {
    const { entryId } = await jsonOf<{ entryId: string }>(
      await post(`${T()}/journal/entries`, b.treasurer, {
        date: "2026-10-04",
        memo: "Mistake",
        lines: [
          { accountId: b.accounts["5300"], amountCents: 1234 },
          { accountId: b.accounts["1100"], amountCents: -1234 },
        ],
      }),
    );
    const rev = await post(`${T()}/journal/entries/${entryId}/reverse`, b.treasurer, {
      date: "2026-10-05",
      reason: "typo",
    });
    expect(rev.status).toBe(201);
    const { entryId: reversalId } = await jsonOf<{ entryId: string }>(rev);
    const again = await post(`${T()}/journal/entries/${entryId}/reverse`, b.treasurer, { date: "2026-10-05" });
    expect(again.status).toBe(409);
    expect((await jsonOf<ErrorJson>(again)).error.code).toBe("already_reversed");
    const revOfRev = await post(`${T()}/journal/entries/${reversalId}/reverse`, b.treasurer, {});
    expect(revOfRev.status).toBe(409);
    const sum = await env.DB.prepare(
      "SELECT sum(amount_cents) AS s FROM journal_lines WHERE entry_id IN (?, ?) AND account_id = ?",
    )
      .bind(entryId, reversalId, b.accounts["5300"])
      .first<{ s: number }>();
    expect(sum?.s).toBe(0);
    const original = await jsonOf<{ entry: { reversedByEntryId: string } }>(
      await call(`${T()}/journal/entries/${entryId}`, { headers: b.treasurer.auth }),
    );
    expect(original.entry.reversedByEntryId).toBe(reversalId);
  });
});

describe("contributions", () => {
  it("posts one balanced entry per batch: cash to 1100, online to 1000, credit 4100, tagged with the meeting", async () => {
    const res = await post(`${T()}/contributions/batch`, b.treasurer, {
      date: "2026-10-05",
      occurrenceId: b.occurrenceId,
      items: [
        { amountCents: 500, method: "cash" },
        { amountCents: 2000, method: "cash" },
        { amountCents: 1500, method: "online" },
      ],
    });
    expect(res.status).toBe(201);
    const body = await jsonOf<{ batchId: string; entryId: string; totalCents: number }>(res);
    expect(body.totalCents).toBe(4000);
    const lines = await env.DB.prepare(
      "SELECT account_id, amount_cents, meeting_id, occurrence_id FROM journal_lines WHERE entry_id = ? ORDER BY line_no",
    )
      .bind(body.entryId)
      .all<{ account_id: string; amount_cents: number; meeting_id: string; occurrence_id: string }>();
    expect(lines.results.map((l) => [l.account_id, l.amount_cents])).toEqual([
      [b.accounts["1100"], 2500],
      [b.accounts["1000"], 1500],
      [b.accounts["4100"], -4000],
    ]);
    expect(lines.results.every((l) => l.meeting_id === b.meetingId && l.occurrence_id === b.occurrenceId)).toBe(true);
  });

  it("same key + same body → the first result; same key + other body → 422", async () => {
    const key = freshKey();
    const json = { date: "2026-10-06", meetingId: b.meetingId, items: [{ amountCents: 700, method: "cash" }] };
    const first = await post(`${T()}/contributions/batch`, b.treasurer, json, key);
    const firstBody = await first.text();
    const again = await post(
      `${T()}/contributions/batch`,
      b.treasurer,
      { items: json.items, meetingId: json.meetingId, date: json.date },
      key,
    );
    expect(again.status).toBe(201);
    expect(await again.text()).toBe(firstBody);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    const other = await post(
      `${T()}/contributions/batch`,
      b.treasurer,
      { ...json, items: [{ amountCents: 701, method: "cash" }] },
      key,
    );
    expect(other.status).toBe(422);
    expect((await jsonOf<ErrorJson>(other)).error.code).toBe("idempotency_key_reused");
  });

  it("50 sequential replays and 10 concurrent duplicates with one key → one entry", async () => {
    const before = await countRows("journal_entries");
    const key = freshKey();
    const json = { date: "2026-10-07", meetingId: b.meetingId, items: [{ amountCents: 1100, method: "online" }] };
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => post(`${T()}/contributions/batch`, b.treasurer, json, key)),
    );
    const bodies = await Promise.all(concurrent.map((r) => r.text()));
    expect(concurrent.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(bodies).size).toBe(1);
    for (let i = 0; i < 50; i++) {
      const r = await post(`${T()}/contributions/batch`, b.treasurer, json, key);
      expect(r.status).toBe(201);
      expect(await r.text()).toBe(bodies[0]);
    }
    expect(await countRows("journal_entries")).toBe(before + 1);
    expect(await countRows("contribution_batches")).toBeGreaterThan(0);
  });

  it("refuses float, string and huge item amounts naming the item, and foreign meetings", async () => {
    const before = await countRows("journal_entries");
    for (const amountCents of [10.005, "10", 1e20, 0, -5]) {
      const res = await post(`${T()}/contributions/batch`, b.treasurer, {
        date: "2026-10-07",
        items: [
          { amountCents: 100, method: "cash" },
          { amountCents, method: "cash" },
        ],
      });
      expect(res.status, String(amountCents)).toBe(400);
      expect((await jsonOf<ErrorJson>(res)).error.issues?.[0].path).toBe("json.items.1.amountCents");
    }
    const other = await setupBooks();
    const foreign = await post(`${T()}/contributions/batch`, b.treasurer, {
      date: "2026-10-07",
      meetingId: other.meetingId,
      items: [{ amountCents: 100, method: "cash" }],
    });
    expect(foreign.status).toBe(400);
    expect((await jsonOf<ErrorJson>(foreign)).error.issues?.[0].path).toBe("json.meetingId");
    expect(await countRows("journal_entries")).toBe(before);
  });

  it("is for treasurers only", async () => {
    const res = await post(`${T()}/contributions/batch`, b.secretary, {
      date: "2026-10-07",
      items: [{ amountCents: 100, method: "cash" }],
    });
    expect(res.status).toBe(403);
  });
});

describe("expenses", () => {
  async function claim(
    by = b.secretary,
    extra: Record<string, unknown> = { noReceiptReason: "Paid at a cash-only shop" },
  ) {
    const res = await call(`${T()}/expenses`, {
      method: "POST",
      json: {
        payee: "St. Mark's",
        amountCents: 15_000,
        accountId: b.accounts["5200"],
        description: "October rent",
        ...extra,
      },
      headers: by.auth,
    });
    expect(res.status).toBe(201);
    return (await jsonOf<{ expense: { id: string } }>(res)).expense.id;
  }

  it("claimed → approved → paid posts one entry; every later transition is 409", async () => {
    const id = await claim();
    expect((await call(`${T()}/expenses/${id}/approve`, { method: "POST", headers: b.admin.auth })).status).toBe(200);
    const key = freshKey();
    const paid = await post(`${T()}/expenses/${id}/pay`, b.treasurer, { date: "2026-10-08" }, key);
    expect(paid.status).toBe(200);
    const { entryId } = await jsonOf<{ entryId: string }>(paid);
    const lines = await env.DB.prepare(
      "SELECT account_id, amount_cents FROM journal_lines WHERE entry_id = ? ORDER BY line_no",
    )
      .bind(entryId)
      .all<{ account_id: string; amount_cents: number }>();
    expect(lines.results).toEqual([
      { account_id: b.accounts["5200"], amount_cents: 15_000 },
      { account_id: b.accounts["1000"], amount_cents: -15_000 },
    ]);
    expect((await post(`${T()}/expenses/${id}/pay`, b.treasurer, { date: "2026-10-08" }, key)).status).toBe(200);
    const payAgain = await post(`${T()}/expenses/${id}/pay`, b.treasurer, { date: "2026-10-08" });
    expect(payAgain.status).toBe(409);
    for (const action of ["approve", "reject"])
      expect((await call(`${T()}/expenses/${id}/${action}`, { method: "POST", headers: b.admin.auth })).status).toBe(
        409,
      );
    const count = await env.DB.prepare("SELECT count(*) AS n FROM journal_entries WHERE source = ?")
      .bind(`expense:${id}`)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it("cannot pay a claimed or rejected expense", async () => {
    const id = await claim();
    expect((await post(`${T()}/expenses/${id}/pay`, b.treasurer, {})).status).toBe(409);
    expect(
      (
        await call(`${T()}/expenses/${id}/reject`, {
          method: "POST",
          json: { note: "Not group business" },
          headers: b.admin.auth,
        })
      ).status,
    ).toBe(200);
    expect((await post(`${T()}/expenses/${id}/pay`, b.treasurer, {})).status).toBe(409);
    expect((await call(`${T()}/expenses/${id}/approve`, { method: "POST", headers: b.admin.auth })).status).toBe(409);
  });

  it("separation of duties: the claimant cannot approve or reject their own claim", async () => {
    const id = await claim(b.treasurer);
    for (const action of ["approve", "reject"]) {
      const res = await call(`${T()}/expenses/${id}/${action}`, { method: "POST", headers: b.treasurer.auth });
      expect(res.status).toBe(403);
      expect((await jsonOf<ErrorJson>(res)).error.code).toBe("separation_of_duties");
    }
    expect((await call(`${T()}/expenses/${id}/approve`, { method: "POST", headers: b.secretary.auth })).status).toBe(
      403,
    );
    expect((await call(`${T()}/expenses/${id}/approve`, { method: "POST", headers: b.admin.auth })).status).toBe(200);
    const audit = await env.DB.prepare(
      "SELECT actor_id FROM treasury_audit WHERE entity_id = ? AND action = 'expense.approve'",
    )
      .bind(id)
      .all<{ actor_id: string }>();
    expect(audit.results).toEqual([{ actor_id: b.admin.userId }]);
  });

  it("a paid expense needs a receipt or a reason", async () => {
    const id = await claim(b.secretary, {});
    await call(`${T()}/expenses/${id}/approve`, { method: "POST", headers: b.admin.auth });
    const res = await post(`${T()}/expenses/${id}/pay`, b.treasurer, {});
    expect(res.status).toBe(422);
    expect((await jsonOf<ErrorJson>(res)).error.code).toBe("receipt_required");
    expect(
      (await post(`${T()}/expenses/${id}/pay`, b.treasurer, { noReceiptReason: "Lost; confirmed by the landlord" }))
        .status,
    ).toBe(200);
  });

  it("10 concurrent payments with different keys post one entry; the rest get 409", async () => {
    const id = await claim();
    await call(`${T()}/expenses/${id}/approve`, { method: "POST", headers: b.admin.auth });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(`${T()}/expenses/${id}/pay`, b.treasurer, { date: "2026-10-10" })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM journal_entries WHERE source = ?")
      .bind(`expense:${id}`)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
    const audit = await jsonOf<{ audit: { action: string; actorId: string }[] }>(
      await call(`${T()}/audit?entity=expense&entityId=${id}`, { headers: b.admin.auth }),
    );
    expect(audit.audit.map((a) => a.action).sort()).toEqual(["expense.approve", "expense.claim", "expense.pay"]);
  });

  it("refuses claims against non-expense accounts and over-long decision notes", async () => {
    const res = await call(`${T()}/expenses`, {
      method: "POST",
      json: { payee: "X", amountCents: 100, accountId: b.accounts["1000"], description: "d" },
      headers: b.secretary.auth,
    });
    expect(res.status).toBe(400);
    expect((await jsonOf<ErrorJson>(res)).error.issues?.[0].path).toBe("json.accountId");
    const id = await claim();
    const long = await call(`${T()}/expenses/${id}/reject`, {
      method: "POST",
      json: { note: "x".repeat(301) },
      headers: b.admin.auth,
    });
    expect(long.status).toBe(400);
    expect((await jsonOf<ErrorJson>(long)).error.issues?.[0].path).toBe("json.note");
  });

  it("a claimant lists only their own claims, and reads why one was rejected", async () => {
    const mine = await claim(b.secretary);
    const theirs = await claim(b.treasurer);
    const rejected = await call(`${T()}/expenses/${mine}/reject`, {
      method: "POST",
      json: { note: "  Please attach the receipt and claim again  " },
      headers: b.admin.auth,
    });
    expect(rejected.status).toBe(200);
    const res = await call(`${T()}/expenses/mine`, { headers: b.secretary.auth });
    expect(res.status).toBe(200);
    const { expenses } = await jsonOf<{
      expenses: { id: string; claimantId: string; status: string; decisionNote: string | null }[];
    }>(res);
    expect(expenses.map((e) => e.id)).toContain(mine);
    expect(expenses.map((e) => e.id)).not.toContain(theirs);
    expect(expenses.every((e) => e.claimantId === b.secretary.userId)).toBe(true);
    expect(expenses.find((e) => e.id === mine)).toMatchObject({
      status: "rejected",
      decisionNote: "Please attach the receipt and claim again",
    });
    // The treasurer's list carries the same note; a caller from outside the group gets nothing.
    const all = await jsonOf<{ expenses: { id: string; decisionNote: string | null }[] }>(
      await call(`${T()}/expenses?status=rejected`, { headers: b.treasurer.auth }),
    );
    expect(all.expenses.find((e) => e.id === mine)?.decisionNote).toBe("Please attach the receipt and claim again");
    expect((await call(`${T()}/expenses/mine`)).status).toBe(401);
    const outsider = await createMember((await createGroup()).id, ["secretary"]);
    expect((await call(`${T()}/expenses/mine`, { headers: outsider.auth })).status).toBe(403);
  });

  it("refuses a float amount naming the field", async () => {
    const res = await call(`${T()}/expenses`, {
      method: "POST",
      json: { payee: "X", amountCents: 10.005, accountId: b.accounts["5200"], description: "d" },
      headers: b.secretary.auth,
    });
    expect(res.status).toBe(400);
    expect((await jsonOf<ErrorJson>(res)).error.issues?.[0].path).toBe("json.amountCents");
  });
});

describe("reversing an expense's payment", () => {
  type Bal = { balances: { code: string; balanceCents: number }[]; trialBalanceCents: number };
  type ExpenseRow = {
    status: string;
    paidBy: string | null;
    paidAt: number | null;
    paidEntryId: string | null;
    decidedBy: string | null;
  };

  it("puts the expense back to approved in the reversal's batch; paying again posts one new payment", async () => {
    // Books of its own, so balances and the month's report show this expense alone.
    const k = await setupBooks();
    const P = `/api/groups/${k.groupId}/treasury`;
    const claimed = await call(`${P}/expenses`, {
      method: "POST",
      json: {
        payee: "Hall",
        amountCents: 15_000,
        accountId: k.accounts["5200"],
        description: "November rent",
        noReceiptReason: "Paid in cash",
      },
      headers: k.secretary.auth,
    });
    const { id } = (await jsonOf<{ expense: { id: string } }>(claimed)).expense;
    expect((await call(`${P}/expenses/${id}/approve`, { method: "POST", headers: k.admin.auth })).status).toBe(200);
    const balance = async (code: string) =>
      (await jsonOf<Bal>(await call(`${P}/balances`, { headers: k.treasurer.auth }))).balances.find(
        (x) => x.code === code,
      )?.balanceCents;
    const expense = async () =>
      (await jsonOf<{ expense: ExpenseRow }>(await call(`${P}/expenses/${id}`, { headers: k.treasurer.auth }))).expense;

    const firstKey = freshKey();
    const first = await post(`${P}/expenses/${id}/pay`, k.treasurer, { date: "2026-11-02" }, firstKey);
    expect(first.status).toBe(200);
    const { entryId: firstEntry } = await jsonOf<{ entryId: string }>(first);
    expect([await balance("5200"), await balance("1000")]).toEqual([15_000, -15_000]);

    const rev = await post(`${P}/journal/entries/${firstEntry}/reverse`, k.treasurer, {
      date: "2026-11-03",
      reason: "cheque bounced",
    });
    expect(rev.status).toBe(201);
    const { entryId: reversalId, reopenedExpenseId } = await jsonOf<{ entryId: string; reopenedExpenseId: string }>(
      rev,
    );
    expect(reopenedExpenseId).toBe(id);
    expect(await expense()).toMatchObject({
      status: "approved",
      paidBy: null,
      paidAt: null,
      paidEntryId: null,
      decidedBy: k.admin.userId,
    });
    expect([await balance("5200"), await balance("1000")]).toEqual([0, 0]);
    const audit = await jsonOf<{
      audit: { action: string; actorId: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
    }>(await call(`${P}/audit?entity=expense&entityId=${id}`, { headers: k.admin.auth }));
    const unpay = audit.audit.find((a) => a.action === "expense.unpay");
    expect(unpay).toMatchObject({
      actorId: k.treasurer.userId,
      before: { status: "paid", paidBy: k.treasurer.userId, paidEntryId: firstEntry },
      after: { status: "approved", paidBy: null, paidAt: null, paidEntryId: null, reversalEntryId: reversalId },
    });

    // Replaying the first payment's request answers its first result and pays nothing.
    const replay = await post(`${P}/expenses/${id}/pay`, k.treasurer, { date: "2026-11-02" }, firstKey);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await jsonOf<{ entryId: string }>(replay)).entryId).toBe(firstEntry);
    expect(await expense()).toMatchObject({ status: "approved", paidEntryId: null });

    // Paying again, five times at once with different keys: exactly one posts.
    const again = await Promise.all(
      Array.from({ length: 5 }, () => post(`${P}/expenses/${id}/pay`, k.treasurer, { date: "2026-11-04" })),
    );
    expect(again.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const winner = again.find((r) => r.status === 200);
    const { entryId: secondEntry } = await jsonOf<{ entryId: string }>(winner as Response);
    expect(secondEntry).not.toBe(firstEntry);
    expect(await expense()).toMatchObject({ status: "paid", paidBy: k.treasurer.userId, paidEntryId: secondEntry });
    expect([await balance("5200"), await balance("1000")]).toEqual([15_000, -15_000]);

    // The first payment cannot be reversed twice, and trying leaves the second payment alone.
    expect((await post(`${P}/journal/entries/${firstEntry}/reverse`, k.treasurer, {})).status).toBe(409);
    expect(await expense()).toMatchObject({ status: "paid", paidEntryId: secondEntry });

    const entries = await env.DB.prepare(
      "SELECT kind, source, reverses_entry_id AS reverses FROM journal_entries WHERE group_id = ? ORDER BY created_at, id",
    )
      .bind(k.groupId)
      .all();
    expect(entries.results).toEqual([
      { kind: "expense", source: `expense:${id}`, reverses: null },
      { kind: "reversal", source: null, reverses: firstEntry },
      { kind: "expense", source: `expense:${id}:2`, reverses: null },
    ]);
    const bal = await jsonOf<Bal>(await call(`${P}/balances`, { headers: k.treasurer.auth }));
    expect(bal.trialBalanceCents).toBe(0);
    const { report } = await jsonOf<{
      report: { expenses: { totalCents: number }; closingBalanceCents: number; balanceForwardCents: number };
    }>(await call(`${P}/reports/monthly?month=2026-11`, { headers: k.treasurer.auth }));
    expect(report.expenses.totalCents).toBe(15_000);
    expect(report.closingBalanceCents - report.balanceForwardCents).toBe(-15_000);
  });

  it("reversing any other entry leaves expenses alone", async () => {
    const { entryId } = await jsonOf<{ entryId: string }>(
      await post(`${T()}/journal/entries`, b.treasurer, {
        date: "2026-10-06",
        memo: "Supplies",
        lines: [
          { accountId: b.accounts["5300"], amountCents: 500 },
          { accountId: b.accounts["1000"], amountCents: -500 },
        ],
      }),
    );
    const paidBefore = await env.DB.prepare("SELECT count(*) AS n FROM expenses WHERE group_id = ? AND status = 'paid'")
      .bind(b.groupId)
      .first<{ n: number }>();
    const rev = await post(`${T()}/journal/entries/${entryId}/reverse`, b.treasurer, {});
    expect(rev.status).toBe(201);
    expect((await jsonOf<{ reopenedExpenseId: string | null }>(rev)).reopenedExpenseId).toBeNull();
    const paidAfter = await env.DB.prepare("SELECT count(*) AS n FROM expenses WHERE group_id = ? AND status = 'paid'")
      .bind(b.groupId)
      .first<{ n: number }>();
    expect(paidAfter?.n).toBe(paidBefore?.n);
  });
});

describe("fiscal years, budget and balances", () => {
  it("budget vs actual comes from the view, and a closed year refuses postings dated inside it", async () => {
    const fy2025 = await jsonOf<{ fiscalYear: { id: string; startsOn: string; endsOn: string } }>(
      await call(`${T()}/budget/fy`, { method: "POST", json: { startYear: 2025 }, headers: b.treasurer.auth }),
    );
    expect(fy2025.fiscalYear).toMatchObject({ startsOn: "2025-01-01", endsOn: "2025-12-31" });
    const fyId = fy2025.fiscalYear.id;
    const put = await call(`${T()}/budget/fy/${fyId}/lines`, {
      method: "PUT",
      json: {
        lines: [
          { accountId: b.accounts["5200"], amountCents: 120_000 },
          { accountId: b.accounts["4100"], amountCents: 200_000 },
        ],
      },
      headers: b.treasurer.auth,
    });
    expect(put.status).toBe(200);
    await post(`${T()}/journal/entries`, b.treasurer, {
      date: "2025-03-01",
      memo: "Rent",
      lines: [
        { accountId: b.accounts["5200"], amountCents: 30_000 },
        { accountId: b.accounts["1000"], amountCents: -30_000 },
      ],
    });
    const vaa = await jsonOf<{
      rows: { code: string; budgetCents: number; actualCents: number; varianceCents: number; pctUsed: number }[];
    }>(await call(`${T()}/budget/fy/${fyId}/vaa`, { headers: b.admin.auth }));
    expect(vaa.rows.find((r) => r.code === "5200")).toMatchObject({
      budgetCents: 120_000,
      actualCents: 30_000,
      varianceCents: 90_000,
      pctUsed: 25,
    });
    expect(vaa.rows.find((r) => r.code === "4100")).toMatchObject({ budgetCents: 200_000, actualCents: 0, pctUsed: 0 });

    expect((await call(`${T()}/budget/fy/${fyId}/close`, { method: "POST", headers: b.treasurer.auth })).status).toBe(
      200,
    );
    const before = await countRows("journal_entries");
    const inside = await post(`${T()}/journal/entries`, b.treasurer, {
      date: "2025-06-01",
      memo: "late",
      lines: [
        { accountId: b.accounts["5200"], amountCents: 1 },
        { accountId: b.accounts["1000"], amountCents: -1 },
      ],
    });
    expect(inside.status).toBe(409);
    expect((await jsonOf<ErrorJson>(inside)).error.code).toBe("period_closed");
    const batch = await post(`${T()}/contributions/batch`, b.treasurer, {
      date: "2025-12-31",
      items: [{ amountCents: 100, method: "cash" }],
    });
    expect(batch.status).toBe(409);
    expect(await countRows("journal_entries")).toBe(before);
    expect(
      (
        await post(`${T()}/journal/entries`, b.treasurer, {
          date: "2026-01-01",
          memo: "ok",
          lines: [
            { accountId: b.accounts["5200"], amountCents: 1 },
            { accountId: b.accounts["1000"], amountCents: -1 },
          ],
        })
      ).status,
    ).toBe(201);
  });

  it("balances from v_account_balance sum to zero and match the lines; asOf cuts by date", async () => {
    const res = await jsonOf<{ balances: { accountId: string; balanceCents: number }[]; trialBalanceCents: number }>(
      await call(`${T()}/balances`, { headers: b.treasurer.auth }),
    );
    expect(res.trialBalanceCents).toBe(0);
    for (const bal of res.balances) {
      const row = await env.DB.prepare(
        "SELECT coalesce(sum(amount_cents), 0) AS s FROM journal_lines WHERE account_id = ?",
      )
        .bind(bal.accountId)
        .first<{ s: number }>();
      expect(bal.balanceCents).toBe(row?.s);
    }
    const early = await jsonOf<{ balances: { code: string; balanceCents: number }[] }>(
      await call(`${T()}/balances?asOf=2025-12-31`, { headers: b.treasurer.auth }),
    );
    expect(early.balances.find((x) => x.code === "5200")?.balanceCents).toBe(30_000);
    expect((await call(`${T()}/balances?asOf=2025-13-01`, { headers: b.treasurer.auth })).status).toBe(400);
  });
});

describe("plan, distribution and reconciliation", () => {
  it("stores the plan (split must sum to 100) and proposes payouts above the reserve", async () => {
    const bad = await call(`${T()}/plan`, {
      method: "PUT",
      json: { reserve: { mode: "months", months: 2 }, split: { district: 10, area: 10, intergroup: 30, gso: 40 } },
      headers: b.treasurer.auth,
    });
    expect(bad.status).toBe(400);
    expect((await jsonOf<ErrorJson>(bad)).error.issues?.[0].path).toBe("json.split");
    const ok = await call(`${T()}/plan`, {
      method: "PUT",
      json: {
        reserve: { mode: "amount", amountCents: 10_000 },
        split: { district: 10, area: 10, intergroup: 30, gso: 50 },
      },
      headers: b.treasurer.auth,
    });
    expect(ok.status).toBe(200);
    const p = await jsonOf<{
      availableCents: number;
      reserveTargetCents: number;
      distributableCents: number;
      payouts: { amountCents: number }[];
    }>(await call(`${T()}/distribution-proposal`, { headers: b.admin.auth }));
    expect(p.reserveTargetCents).toBe(10_000);
    expect(p.distributableCents).toBe(Math.max(0, p.availableCents - 10_000));
    expect(p.payouts.reduce((a, x) => a + x.amountCents, 0)).toBe(p.distributableCents);
  });

  it("reconciles a statement balance against the books", async () => {
    const books = await jsonOf<{ balances: { code: string; balanceCents: number }[] }>(
      await call(`${T()}/balances?asOf=2026-10-31`, { headers: b.treasurer.auth }),
    );
    const checking = books.balances.find((x) => x.code === "1000")!.balanceCents;
    const agree = await jsonOf<{ agrees: boolean; differenceCents: number }>(
      await call(`${T()}/reconciliation`, {
        method: "POST",
        json: { accountId: b.accounts["1000"], date: "2026-10-31", balanceCents: checking },
        headers: b.treasurer.auth,
      }),
    );
    expect(agree).toMatchObject({ agrees: true, differenceCents: 0 });
    const off = await jsonOf<{ agrees: boolean; differenceCents: number }>(
      await call(`${T()}/reconciliation`, {
        method: "POST",
        json: { accountId: b.accounts["1000"], date: "2026-10-31", balanceCents: checking - 250 },
        headers: b.treasurer.auth,
      }),
    );
    expect(off).toMatchObject({ agrees: false, differenceCents: -250 });
    const list = await jsonOf<{ statements: unknown[] }>(
      await call(`${T()}/reconciliation`, { headers: b.admin.auth }),
    );
    expect(list.statements).toHaveLength(2);
  });
});

describe("reports and exports", () => {
  it("monthly report JSON: income by meeting and category, expenses, balance forward, closing", async () => {
    const res = await call(`${T()}/reports/monthly?month=2026-10`, { headers: b.treasurer.auth });
    expect(res.status).toBe(200);
    const { report } = await jsonOf<{
      report: {
        balanceForwardCents: number;
        closingBalanceCents: number;
        income: { totalCents: number; byMeeting: { meetingName: string; cents: number }[] };
        expenses: { totalCents: number };
        otherMovementsCents: number;
        reserve: { status: string };
      };
    }>(res);
    expect(report.income.byMeeting.find((m) => m.meetingName === "Monday Big Book")?.cents).toBe(
      4000 + 700 + 1100 + 465,
    );
    const balances = await jsonOf<{ balances: { type: string; balanceCents: number }[] }>(
      await call(`${T()}/balances?asOf=2026-10-31`, { headers: b.treasurer.auth }),
    );
    const assets = balances.balances.filter((x) => x.type === "asset").reduce((a, x) => a + x.balanceCents, 0);
    expect(report.closingBalanceCents).toBe(assets);
    expect(report.closingBalanceCents - report.balanceForwardCents).toBe(
      report.income.totalCents - report.expenses.totalCents + report.otherMovementsCents,
    );
    expect(report.reserve.status).not.toBe("none");
  });

  it("monthly report CSV and printable HTML", async () => {
    const csv = await call(`${T()}/reports/monthly?month=2026-10&format=csv`, { headers: b.treasurer.auth });
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const rows = Papa.parse<string[]>(await csv.text()).data;
    expect(rows[0]).toEqual(["section", "label", "amount", "amount_cents"]);
    expect(rows.some((r) => r[1] === "Closing balance")).toBe(true);
    const html = await call(`${T()}/reports/monthly?month=2026-10&format=html`, { headers: b.treasurer.auth });
    expect(html.headers.get("Content-Type")).toContain("text/html");
    expect(await html.text()).toContain("@media print");
    expect((await call(`${T()}/reports/monthly?month=2026-13`, { headers: b.treasurer.auth })).status).toBe(400);
  });

  it("journal.csv has a row per line; journal.ledger re-parses to the same balances as the view", async () => {
    const csv = Papa.parse<Record<string, string>>(
      await (await call(`${T()}/journal.csv`, { headers: b.treasurer.auth })).text(),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(csv.length).toBe(await lineCount());
    const text = await (await call(`${T()}/journal.ledger`, { headers: b.treasurer.auth })).text();
    const parsed = parseLedgerJournal(text);
    expect(parsed.assertionsChecked).toBe(1); // the agreeing bank statement; the one that differs is left out
    expect(parsed.transactions.length).toBe((await countRows("journal_entries")) + 1);
    const view = await jsonOf<{ balances: { type: string; name: string; balanceCents: number }[] }>(
      await call(`${T()}/balances`, { headers: b.treasurer.auth }),
    );
    const roots: Record<string, string> = {
      asset: "Assets",
      liability: "Liabilities",
      equity: "Equity",
      income: "Income",
      expense: "Expenses",
    };
    for (const bal of view.balances)
      expect(parsed.balances.get(`${roots[bal.type]}:${bal.name}`) ?? 0, bal.name).toBe(bal.balanceCents);
  });
});

describe("audit", () => {
  it("keeps rows readable after the actor is erased (anonymous actor reference)", async () => {
    const leaver = await createMember(b.groupId, ["treasurer"]);
    const { entryId } = await jsonOf<{ entryId: string }>(
      await post(`${T()}/journal/entries`, leaver, {
        date: "2026-10-09",
        memo: "Before rotation",
        lines: [
          { accountId: b.accounts["1100"], amountCents: 10 },
          { accountId: b.accounts["4200"], amountCents: -10 },
        ],
      }),
    );
    await env.DB.prepare(
      "UPDATE users SET email_enc = NULL, email_hmac = NULL, display_name = 'Erased member', erased_at = ? WHERE id = ?",
    )
      .bind(Date.now(), leaver.userId)
      .run();
    const entry = await jsonOf<{ entry: { createdBy: string; lines: unknown[] } }>(
      await call(`${T()}/journal/entries/${entryId}`, { headers: b.treasurer.auth }),
    );
    expect(entry.entry.createdBy).toBe(leaver.userId);
    expect(entry.entry.lines).toHaveLength(2);
  });
});
