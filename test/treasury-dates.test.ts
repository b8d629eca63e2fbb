import { describe, expect, it } from "vitest";
import { todayIn } from "../worker/treasury/fiscal-year";
import { call } from "./helpers";
import { jsonOf, post, setupBooks } from "./treasury-helpers";

/**
 * A zone whose date differs from UTC's right now (UTC+14 from 10:00 UTC, UTC−11 before 11:00 UTC),
 * so the test tells a group-local default date from a UTC one at any hour it runs.
 */
function zoneOffByADay(now = Date.now()): string {
  return new Date(now).getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
}

describe("postings without a date", () => {
  it("are dated today where the group meets, not in UTC", async () => {
    const timezone = zoneOffByADay();
    const local = todayIn(timezone);
    expect(local).not.toBe(new Date().toISOString().slice(0, 10));
    const b = await setupBooks({ timezone });
    const T = `/api/groups/${b.groupId}/treasury`;
    const { entryId } = await jsonOf<{ entryId: string }>(
      await post(`${T}/journal/entries`, b.treasurer, { date: "2026-10-04", memo: "Mistake", lines: [{ accountId: b.accounts["5300"], amountCents: 500 }, { accountId: b.accounts["1100"], amountCents: -500 }] }),
    );
    const rev = await post(`${T}/journal/entries/${entryId}/reverse`, b.treasurer, {});
    expect(rev.status).toBe(201);
    const { entryId: reversalId } = await jsonOf<{ entryId: string }>(rev);
    const reversal = await jsonOf<{ entry: { date: string } }>(await call(`${T}/journal/entries/${reversalId}`, { headers: b.treasurer.auth }));
    expect(reversal.entry.date).toBe(local);

    // An expense paid without a date: the payment entry too.
    const claim = await call(`${T}/expenses`, { method: "POST", json: { payee: "Hall", amountCents: 2_000, accountId: b.accounts["5200"], description: "Rent", noReceiptReason: "Paid in cash at the door" }, headers: b.secretary.auth });
    expect(claim.status).toBe(201);
    const { expense } = await jsonOf<{ expense: { id: string } }>(claim);
    expect((await call(`${T}/expenses/${expense.id}/approve`, { method: "POST", headers: b.admin.auth })).status).toBe(200);
    const paid = await post(`${T}/expenses/${expense.id}/pay`, b.treasurer, {});
    expect(paid.status).toBe(200);
    const { entryId: paymentId } = await jsonOf<{ entryId: string }>(paid);
    const payment = await jsonOf<{ entry: { date: string } }>(await call(`${T}/journal/entries/${paymentId}`, { headers: b.treasurer.auth }));
    expect(payment.entry.date).toBe(local);
  });
});
