import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { db } from "../worker/db/client";
import { meetings } from "../worker/db/schema";
import { seedTreasuryDemo } from "../worker/dev/seed-treasury";
import { newId } from "../worker/lib/ids";
import { contentKey } from "../worker/treasury/receipt-objects";
import { createGroup, createMember } from "./fixtures";
import { call } from "./helpers";
import { parseLedgerJournal } from "./ledger-journal-parser";

async function tableCounts(groupId: string) {
  const out: Record<string, number> = {};
  for (const t of [
    "journal_entries",
    "contribution_batches",
    "expenses",
    "attachments",
    "treasury_plans",
    "bank_statements",
    "treasury_audit",
  ]) {
    out[t] =
      (await env.DB.prepare(`SELECT count(*) AS n FROM ${t} WHERE group_id = ?`).bind(groupId).first<{ n: number }>())
        ?.n ?? 0;
  }
  return out;
}

describe("seedTreasuryDemo", () => {
  it("seeds a balanced, believable year of books with receipts, idempotently", async () => {
    const group = await createGroup();
    const treasurer = await createMember(group.id, ["treasurer"]);
    const secretary = await createMember(group.id, ["secretary"]);
    const meetingIds = [newId("mtg_"), newId("mtg_")];
    for (const [i, id] of meetingIds.entries()) {
      await db(env)
        .insert(meetings)
        .values({
          id,
          groupId: group.id,
          slug: `seed-${i}-${id.slice(-6).toLowerCase()}`,
          name: `Meeting ${i}`,
          types: ["O"],
          languages: ["en"],
          timezone: "America/Chicago",
          days: [i],
          startTime: "19:00",
          durationMinutes: 60,
          updatedAt: Date.now(),
        });
    }
    await seedTreasuryDemo(env, group.id, { treasurerId: treasurer.userId, secretaryId: secretary.userId }, meetingIds);
    const first = await tableCounts(group.id);
    await seedTreasuryDemo(env, group.id, { treasurerId: treasurer.userId, secretaryId: secretary.userId }, meetingIds);
    expect(await tableCounts(group.id)).toEqual(first);
    expect(first.contribution_batches).toBeGreaterThanOrEqual(2 * 48);
    expect(first.treasury_plans).toBe(1);

    const T = `/api/groups/${group.id}/treasury`;
    const balances = (await (await call(`${T}/balances`, { headers: treasurer.auth })).json()) as {
      trialBalanceCents: number;
      balances: { code: string; balanceCents: number }[];
    };
    expect(balances.trialBalanceCents).toBe(0);
    expect(balances.balances.find((b) => b.code === "1000")!.balanceCents).toBeGreaterThan(0);

    const paid = await env.DB.prepare(
      "SELECT e.id, a.status, a.sha256 FROM expenses e JOIN attachments a ON a.id = e.attachment_id WHERE e.group_id = ? AND e.status = 'paid'",
    )
      .bind(group.id)
      .all<{ status: string; sha256: string }>();
    expect(paid.results.length).toBeGreaterThanOrEqual(11);
    for (const p of paid.results) {
      expect(p.status).toBe("confirmed");
      // Stored like a confirmed upload: under its content-addressed key.
      expect(await env.RECEIPTS.head(contentKey(group.id, p.sha256))).not.toBeNull();
    }
    const open = await env.DB.prepare("SELECT status FROM expenses WHERE group_id = ? AND status <> 'paid'")
      .bind(group.id)
      .all<{ status: string }>();
    expect(open.results.map((r) => r.status).sort()).toEqual(["approved", "claimed"]);

    const fy = (await (await call(`${T}/budget/fy`, { headers: treasurer.auth })).json()) as { currentId: string };
    const vaa = (await (await call(`${T}/budget/fy/${fy.currentId}/vaa`, { headers: treasurer.auth })).json()) as {
      rows: { code: string; budgetCents: number }[];
    };
    expect(vaa.rows.find((r) => r.code === "5200")?.budgetCents).toBe(180_000);

    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7);
    const report = (await (
      await call(`${T}/reports/monthly?month=${lastMonth}`, { headers: treasurer.auth })
    ).json()) as { report: { income: { byMeeting: unknown[]; totalCents: number }; expenses: { totalCents: number } } };
    expect(report.report.income.byMeeting).toHaveLength(2);
    expect(report.report.expenses.totalCents).toBeGreaterThanOrEqual(15_000);

    const recon = (await (await call(`${T}/reconciliation`, { headers: treasurer.auth })).json()) as {
      statements: { agrees: boolean }[];
    };
    expect(recon.statements[0].agrees).toBe(true);

    const ledger = parseLedgerJournal(await (await call(`${T}/journal.ledger`, { headers: treasurer.auth })).text());
    expect(ledger.assertionsChecked).toBe(1); // last month's bank statement agrees with the books
    expect(ledger.transactions.length).toBe(first.journal_entries + 1);
    expect(ledger.balances.get("Assets:Checking")).toBe(balances.balances.find((b) => b.code === "1000")!.balanceCents);
  });
});
