import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  buildMonthlyReport,
  monthlyReportCsv,
  monthlyReportHtml,
  type ReportLine,
  splitSeventhTradition,
} from "./report";

const acct = {
  checking: { accountId: "a1", code: "1000", name: "Checking", type: "asset" as const },
  cash: { accountId: "a2", code: "1100", name: "Cash on hand", type: "asset" as const },
  seventh: { accountId: "a3", code: "4100", name: "Seventh Tradition", type: "income" as const },
  rent: { accountId: "a4", code: "5200", name: "Rent & Utilities", type: "expense" as const },
};
const l = (a: (typeof acct)[keyof typeof acct], amountCents: number, meeting?: [string, string]): ReportLine => ({
  ...a,
  amountCents,
  meetingId: meeting?.[0] ?? null,
  meetingName: meeting?.[1] ?? null,
});

const lines = [
  l(acct.cash, 4200, ["m1", "Monday Big Book"]),
  l(acct.seventh, -4200, ["m1", "Monday Big Book"]),
  l(acct.checking, 1800, ["m2", "Friday Speaker"]),
  l(acct.seventh, -1800, ["m2", "Friday Speaker"]),
  l(acct.rent, 5000),
  l(acct.checking, -5000),
];

describe("buildMonthlyReport", () => {
  it("computes income by meeting and category, expenses, closing balance and reserve status", () => {
    const r = buildMonthlyReport({
      groupName: "G",
      month: "2026-10",
      currency: "USD",
      balanceForwardCents: 100_000,
      lines,
      reserveTargetCents: 120_000,
    });
    expect(r.income.byMeeting).toEqual([
      { meetingId: "m2", meetingName: "Friday Speaker", cents: 1800 },
      { meetingId: "m1", meetingName: "Monday Big Book", cents: 4200 },
    ]);
    expect(r.income.totalCents).toBe(6000);
    expect(r.expenses).toEqual({
      byCategory: [{ code: "5200", name: "Rent & Utilities", cents: 5000 }],
      totalCents: 5000,
    });
    expect(r.closingBalanceCents).toBe(101_000);
    expect(r.otherMovementsCents).toBe(0);
    expect(r.reserve).toEqual({ targetCents: 120_000, status: "below", differenceCents: -19_000 });
  });
  it("has no reserve status without a plan", () => {
    const r = buildMonthlyReport({
      groupName: "G",
      month: "2026-10",
      currency: "USD",
      balanceForwardCents: 0,
      lines: [],
      reserveTargetCents: null,
    });
    expect(r.reserve.status).toBe("none");
    expect(r.closingBalanceCents).toBe(0);
  });
});

describe("splitSeventhTradition", () => {
  const stripe = { accountId: "a5", code: "1200", name: "Stripe balance", type: "asset" as const };
  const fees = { accountId: "a6", code: "5600", name: "Processing fees", type: "expense" as const };
  const e = (entryId: string, line: ReportLine): ReportLine => ({ ...line, entryId });
  it("cash is what moved Cash on hand; online is the rest (gross of fees); refunds reduce online", () => {
    const split = splitSeventhTradition([
      // A counted collection: 40.00 cash + 10.00 online.
      e("c1", l(acct.cash, 4000)),
      e("c1", l(acct.checking, 1000)),
      e("c1", l(acct.seventh, -5000)),
      // A Stripe contribution of 20.00 (fee 0.88) and a 5.00 refund.
      e("s1", l(stripe, 1912)),
      e("s1", l(fees, 88)),
      e("s1", l(acct.seventh, -2000)),
      e("r1", l(acct.seventh, 500)),
      e("r1", l(stripe, -500)),
      // A reversal of a cash collection; and cash moved to the bank (not income).
      e("x1", l(acct.seventh, 300)),
      e("x1", l(acct.cash, -300)),
      e("d1", l(acct.checking, 2000)),
      e("d1", l(acct.cash, -2000)),
    ]);
    expect(split).toEqual({ cashCents: 3700, onlineCents: 2500 });
  });
});

describe("monthly report renderings", () => {
  const r = buildMonthlyReport({
    groupName: "<Group & Co>",
    month: "2026-10",
    currency: "USD",
    balanceForwardCents: 100_000,
    lines,
    reserveTargetCents: 50_000,
  });
  it("CSV parses back to the same totals", () => {
    const parsed = Papa.parse<string[]>(monthlyReportCsv(r)).data;
    expect(parsed[0]).toEqual(["section", "label", "amount", "amount_cents"]);
    const find = (label: string) => parsed.find((row) => row[1] === label)?.[3];
    expect(find("Total income")).toBe("6000");
    expect(find("Closing balance")).toBe("101000");
    expect(find("Above reserve by")).toBe("51000");
    expect(parsed.filter((row) => row[0] === "seventh tradition").map((row) => [row[1], row[3]])).toEqual([
      ["Cash", "4200"],
      ["Online", "1800"],
    ]);
  });
  it("HTML is printable, self-contained and escaped", () => {
    const html = monthlyReportHtml(r);
    expect(html).toContain("@media print");
    expect(html).toContain("&#60;Group &#38; Co&#62;");
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain("$1,010.00");
  });
});
