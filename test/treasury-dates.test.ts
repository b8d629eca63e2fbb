import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { todayIn } from "../worker/treasury/fiscal-year";
import { call, type ErrorJson } from "./helpers";
import { type Books, jsonOf, post, setupBooks } from "./treasury-helpers";

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
      await post(`${T}/journal/entries`, b.treasurer, {
        date: "2026-10-04",
        memo: "Mistake",
        lines: [
          { accountId: b.accounts["5300"], amountCents: 500 },
          { accountId: b.accounts["1100"], amountCents: -500 },
        ],
      }),
    );
    const rev = await post(`${T}/journal/entries/${entryId}/reverse`, b.treasurer, {});
    expect(rev.status).toBe(201);
    const { entryId: reversalId } = await jsonOf<{ entryId: string }>(rev);
    const reversal = await jsonOf<{ entry: { date: string } }>(
      await call(`${T}/journal/entries/${reversalId}`, { headers: b.treasurer.auth }),
    );
    expect(reversal.entry.date).toBe(local);

    // An expense paid without a date: the payment entry too.
    const claim = await call(`${T}/expenses`, {
      method: "POST",
      json: {
        payee: "Hall",
        amountCents: 2_000,
        accountId: b.accounts["5200"],
        description: "Rent",
        noReceiptReason: "Paid in cash at the door",
      },
      headers: b.secretary.auth,
    });
    expect(claim.status).toBe(201);
    const { expense } = await jsonOf<{ expense: { id: string } }>(claim);
    expect((await call(`${T}/expenses/${expense.id}/approve`, { method: "POST", headers: b.admin.auth })).status).toBe(
      200,
    );
    const paid = await post(`${T}/expenses/${expense.id}/pay`, b.treasurer, {});
    expect(paid.status).toBe(200);
    const { entryId: paymentId } = await jsonOf<{ entryId: string }>(paid);
    const payment = await jsonOf<{ entry: { date: string } }>(
      await call(`${T}/journal/entries/${paymentId}`, { headers: b.treasurer.auth }),
    );
    expect(payment.entry.date).toBe(local);
  });
});

describe("the posting-date rule (issue 12 point 7)", () => {
  const line = (b: Books, cents: number) => [
    { accountId: b.accounts["5300"], amountCents: cents },
    { accountId: b.accounts["1000"], amountCents: -cents },
  ];
  const entryCount = async (groupId: string) =>
    (
      await env.DB.prepare("SELECT count(*) AS n FROM journal_entries WHERE group_id = ?")
        .bind(groupId)
        .first<{ n: number }>()
    )?.n;

  it("closing FY2024-25 locks every date on or before its end, on every posting path", async () => {
    const b = await setupBooks({ fiscalYearStartMonth: 7 });
    const T = `/api/groups/${b.groupId}/treasury`;
    const fy = await jsonOf<{ fiscalYear: { id: string; label: string; endsOn: string } }>(
      await post(`${T}/budget/fy`, b.treasurer, { startYear: 2024 }),
    );
    expect(fy.fiscalYear).toMatchObject({ label: "FY2024-25", endsOn: "2025-06-30" });
    expect(
      (await call(`${T}/budget/fy/${fy.fiscalYear.id}/close`, { method: "POST", headers: b.treasurer.auth })).status,
    ).toBe(200);

    // An approved claim, to try paying it into the locked past.
    const claim = await call(`${T}/expenses`, {
      method: "POST",
      json: {
        payee: "Hall",
        amountCents: 2_000,
        accountId: b.accounts["5200"],
        description: "Rent",
        noReceiptReason: "Paid in cash",
      },
      headers: b.secretary.auth,
    });
    const { expense } = await jsonOf<{ expense: { id: string } }>(claim);
    expect((await call(`${T}/expenses/${expense.id}/approve`, { method: "POST", headers: b.admin.auth })).status).toBe(
      200,
    );
    const open = await post(`${T}/journal/entries`, b.treasurer, {
      date: "2025-07-01",
      memo: "First day after the closed year",
      lines: line(b, 100),
    });
    expect(open.status).toBe(201);
    const { entryId } = await jsonOf<{ entryId: string }>(open);

    const before = await entryCount(b.groupId);
    for (const date of ["2019-06-01", "0000-01-01", "2024-06-30", "2025-06-30"]) {
      const attempts = [
        post(`${T}/journal/entries`, b.treasurer, { date, memo: "Back-dated", lines: line(b, 100) }),
        post(`${T}/contributions/batch`, b.treasurer, { date, items: [{ amountCents: 500, method: "cash" }] }),
        post(`${T}/expenses/${expense.id}/pay`, b.treasurer, { date }),
        post(`${T}/journal/entries/${entryId}/reverse`, b.treasurer, { date }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status, date).toBe(409);
        const body = await jsonOf<ErrorJson>(res);
        expect(body.error.code).toBe("period_closed");
        expect(body.error.issues?.[0].path).toBe("json.date");
      }
    }
    expect(await entryCount(b.groupId)).toBe(before);
    expect((await post(`${T}/journal/entries/${entryId}/reverse`, b.treasurer, { date: "2025-07-02" })).status).toBe(
      201,
    );
    expect((await post(`${T}/expenses/${expense.id}/pay`, b.treasurer, { date: "2025-07-02" })).status).toBe(200);
  });

  it("refuses dates before the group's first fiscal year until that year is opened, and dates that cannot be", async () => {
    const b = await setupBooks({ createdAt: Date.UTC(2026, 2, 1) });
    const T = `/api/groups/${b.groupId}/treasury`;
    const before = await entryCount(b.groupId);
    for (const date of ["2025-12-31", "2019-06-01", "0000-01-01"]) {
      const res = await post(`${T}/journal/entries`, b.treasurer, {
        date,
        memo: "Before the books",
        lines: line(b, 100),
      });
      expect(res.status, date).toBe(400);
      expect((await jsonOf<ErrorJson>(res)).error.code).toBe("date_out_of_range");
    }
    for (const date of ["2026-02-30", "2026-13-01", "0000-00-00", "2026-1-1", "+02026-01-01", "9999-12-31"]) {
      const res = await post(`${T}/contributions/batch`, b.treasurer, {
        date,
        items: [{ amountCents: 500, method: "cash" }],
      });
      expect(res.status, date).toBe(400);
      expect((await jsonOf<ErrorJson>(res)).error.issues?.[0].path).toBe("json.date");
    }
    expect(await entryCount(b.groupId)).toBe(before);
    expect(
      (
        await post(`${T}/journal/entries`, b.treasurer, {
          date: "2026-01-01",
          memo: "First day of the first year",
          lines: line(b, 100),
        })
      ).status,
    ).toBe(201);
    // Opening the earlier year (as a treasurer bringing older books does) lets its dates in.
    expect((await post(`${T}/budget/fy`, b.treasurer, { startYear: 2025 })).status).toBe(201);
    expect(
      (
        await post(`${T}/journal/entries`, b.treasurer, {
          date: "2025-12-31",
          memo: "Older books",
          lines: line(b, 100),
        })
      ).status,
    ).toBe(201);
  });
});
