import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../worker/db/client";
import { serviceAssignments } from "../worker/db/schema";
import { treasuryAudit } from "../worker/db/schema-treasury";
import { newId } from "../worker/lib/ids";
import { createMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import { type Books, jsonOf, post, setupBooks } from "./treasury-helpers";

let b: Books;
const T = () => `/api/groups/${b.groupId}/treasury`;

type AuditView = {
  audit: {
    id: string;
    action: string;
    actorId: string | null;
    actorRole: string | null;
    amountCents: number | null;
    payee: string | null;
    after: Record<string, unknown> | null;
  }[];
};

async function approvedClaim(payee: string, amountCents: number): Promise<string> {
  const res = await call(`${T()}/expenses`, {
    method: "POST",
    json: {
      payee,
      amountCents,
      accountId: b.accounts["5200"],
      description: "Hall rent",
      noReceiptReason: "Landlord gives no receipts",
    },
    headers: b.secretary.auth,
  });
  const { expense } = await jsonOf<{ expense: { id: string } }>(res);
  expect((await call(`${T()}/expenses/${expense.id}/approve`, { method: "POST", headers: b.admin.auth })).status).toBe(
    200,
  );
  return expense.id;
}

async function auditRowCount(): Promise<number> {
  return (
    (
      await env.DB.prepare("SELECT count(*) AS n FROM treasury_audit WHERE group_id = ?")
        .bind(b.groupId)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}

beforeAll(async () => {
  b = await setupBooks();
});

describe("paying an expense with a date, a paid-from account and a reference", () => {
  it("posts on the chosen date from the chosen asset account and keeps the cheque number in the memo and the audit row", async () => {
    const id = await approvedClaim("Church office", 12_500);
    const paid = await post(`${T()}/expenses/${id}/pay`, b.treasurer, {
      date: "2026-10-07",
      fromAccountId: b.accounts["1100"],
      reference: "  Cheque 0042 ",
    });
    expect(paid.status).toBe(200);
    const { entryId } = await jsonOf<{ entryId: string }>(paid);
    const entry = await env.DB.prepare("SELECT date, memo FROM journal_entries WHERE id = ?")
      .bind(entryId)
      .first<{ date: string; memo: string }>();
    expect(entry).toEqual({ date: "2026-10-07", memo: "Church office: Hall rent (ref. Cheque 0042)" });
    const lines = await env.DB.prepare(
      "SELECT account_id, amount_cents FROM journal_lines WHERE entry_id = ? ORDER BY line_no",
    )
      .bind(entryId)
      .all();
    expect(lines.results).toEqual([
      { account_id: b.accounts["5200"], amount_cents: 12_500 },
      { account_id: b.accounts["1100"], amount_cents: -12_500 },
    ]);
    const view = await jsonOf<AuditView>(
      await call(`${T()}/audit?entity=expense&entityId=${id}`, { headers: b.admin.auth }),
    );
    expect(view.audit.find((a) => a.action === "expense.pay")?.after).toMatchObject({
      reference: "Cheque 0042",
      date: "2026-10-07",
      fromAccountId: b.accounts["1100"],
    });
  });

  it("refuses to pay from an expense or income account, naming the field, and writes nothing", async () => {
    const id = await approvedClaim("Printer", 900);
    const before = await auditRowCount();
    for (const fromAccountId of [b.accounts["5300"], b.accounts["4100"], "acct_nope"]) {
      const res = await post(`${T()}/expenses/${id}/pay`, b.treasurer, { fromAccountId });
      expect(res.status).toBe(400);
      expect((await jsonOf<ErrorJson>(res)).error.issues?.map((i) => i.path)).toEqual(["json.fromAccountId"]);
    }
    const tooLong = await post(`${T()}/expenses/${id}/pay`, b.treasurer, { reference: "x".repeat(41) });
    expect(tooLong.status).toBe(400);
    expect((await jsonOf<ErrorJson>(tooLong)).error.issues?.[0]?.path).toBe("json.reference");
    expect(await auditRowCount()).toBe(before);
    const expense = await jsonOf<{ expense: { status: string } }>(
      await call(`${T()}/expenses/${id}`, { headers: b.treasurer.auth }),
    );
    expect(expense.expense.status).toBe("approved");
  });
});

describe("the audit trail as a group reads it", () => {
  it("names the actor's role on that day, the amount and the payee (never a name or an email)", async () => {
    const id = await approvedClaim("Coffee co-op", 4_217);
    await post(`${T()}/expenses/${id}/pay`, b.treasurer, {});
    const view = await jsonOf<AuditView>(
      await call(`${T()}/audit?entity=expense&entityId=${id}`, { headers: b.admin.auth }),
    );
    const byAction = Object.fromEntries(view.audit.map((a) => [a.action, a]));
    expect(byAction["expense.claim"]).toMatchObject({
      actorRole: "secretary",
      amountCents: 4_217,
      payee: "Coffee co-op",
    });
    expect(byAction["expense.approve"]).toMatchObject({ actorRole: "admin", amountCents: 4_217 });
    expect(byAction["expense.pay"]).toMatchObject({ actorRole: "treasurer", amountCents: 4_217 });
    const collection = await post(`${T()}/contributions/batch`, b.treasurer, {
      date: "2026-10-05",
      items: [
        { amountCents: 1_000, method: "cash" },
        { amountCents: 550, method: "cash" },
      ],
    });
    expect(collection.status).toBe(201);
    const contributions = await jsonOf<AuditView>(
      await call(`${T()}/audit?kind=contribution`, { headers: b.admin.auth }),
    );
    expect(contributions.audit.map((a) => [a.action, a.amountCents, a.actorRole])).toEqual([
      ["contribution.record", 1_550, "treasurer"],
    ]);
    const entries = await jsonOf<AuditView>(await call(`${T()}/audit?kind=entry`, { headers: b.admin.auth }));
    expect(entries.audit.length).toBeGreaterThan(0);
    expect(entries.audit.every((a) => a.action.startsWith("entry."))).toBe(true);
    expect(entries.audit.find((a) => a.amountCents === 1_550)).toBeDefined(); // the collection's entry: its debits
    const text = JSON.stringify(view);
    expect(text).not.toContain("@example.test");
    expect(text).not.toContain("Test member");
  });

  it("reads the role held on the row's day in the group's zone, and filters by a date range in that zone", async () => {
    const officer = await createMember(b.groupId, []);
    await db(env)
      .insert(serviceAssignments)
      .values([
        {
          id: newId("sa_"),
          userId: officer.userId,
          groupId: b.groupId,
          role: "treasurer",
          startsOn: "2026-01-01",
          endsOn: "2026-09-30",
        },
        {
          id: newId("sa_"),
          userId: officer.userId,
          groupId: b.groupId,
          role: "admin",
          startsOn: "2026-10-01",
          endsOn: null,
        },
      ]);
    // 04:30 UTC on Oct 1 is still Sep 30 in Chicago; 05:30 UTC is Oct 1 there.
    const late = {
      id: newId("aud_"),
      groupId: b.groupId,
      actorId: officer.userId,
      action: "plan.set",
      entity: "treasury_plan",
      entityId: b.groupId,
      at: Date.UTC(2026, 9, 1, 4, 30),
    };
    const early = { ...late, id: newId("aud_"), at: Date.UTC(2026, 9, 1, 5, 30) };
    await db(env).insert(treasuryAudit).values([late, early]);
    const onSep30 = await jsonOf<AuditView>(
      await call(`${T()}/audit?kind=plan&from=2026-09-30&to=2026-09-30`, { headers: b.admin.auth }),
    );
    expect(onSep30.audit.map((a) => [a.id, a.actorRole])).toEqual([[late.id, "treasurer"]]);
    const onOct1 = await jsonOf<AuditView>(
      await call(`${T()}/audit?kind=plan&from=2026-10-01&to=2026-10-01`, { headers: b.admin.auth }),
    );
    expect(onOct1.audit.map((a) => [a.id, a.actorRole])).toEqual([[early.id, "admin"]]);
  });

  it("refuses an unknown kind or an impossible date with a 400 naming the field", async () => {
    for (const [query, path] of [
      ["kind=salary", "query.kind"],
      ["from=2026-02-30", "query.from"],
      ["to=yesterday", "query.to"],
    ]) {
      const res = await call(`${T()}/audit?${query}`, { headers: b.admin.auth });
      expect(res.status).toBe(400);
      expect((await jsonOf<ErrorJson>(res)).error.issues?.[0]?.path).toBe(path);
    }
  });
});
