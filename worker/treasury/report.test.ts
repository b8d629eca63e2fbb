import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { buildMonthlyReport, monthlyReportCsv, monthlyReportHtml, type ReportLine } from "./report";

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
    const r = buildMonthlyReport({ groupName: "G", month: "2026-10", currency: "USD", balanceForwardCents: 100_000, lines, reserveTargetCents: 120_000 });
    expect(r.income.byMeeting).toEqual([
      { meetingId: "m2", meetingName: "Friday Speaker", cents: 1800 },
      { meetingId: "m1", meetingName: "Monday Big Book", cents: 4200 },
    ]);
    expect(r.income.totalCents).toBe(6000);
    expect(r.expenses).toEqual({ byCategory: [{ code: "5200", name: "Rent & Utilities", cents: 5000 }], totalCents: 5000 });
    expect(r.closingBalanceCents).toBe(101_000);
    expect(r.otherMovementsCents).toBe(0);
    expect(r.reserve).toEqual({ targetCents: 120_000, status: "below", differenceCents: -19_000 });
  });
  it("has no reserve status without a plan", () => {
    const r = buildMonthlyReport({ groupName: "G", month: "2026-10", currency: "USD", balanceForwardCents: 0, lines: [], reserveTargetCents: null });
    expect(r.reserve.status).toBe("none");
    expect(r.closingBalanceCents).toBe(0);
  });
});

describe("monthly report renderings", () => {
  const r = buildMonthlyReport({ groupName: "<Group & Co>", month: "2026-10", currency: "USD", balanceForwardCents: 100_000, lines, reserveTargetCents: 50_000 });
  it("CSV parses back to the same totals", () => {
    const parsed = Papa.parse<string[]>(monthlyReportCsv(r)).data;
    expect(parsed[0]).toEqual(["section", "label", "amount", "amount_cents"]);
    const find = (label: string) => parsed.find((row) => row[1] === label)?.[3];
    expect(find("Total income")).toBe("6000");
    expect(find("Closing balance")).toBe("101000");
    expect(find("Above reserve by")).toBe("51000");
  });
  it("HTML is printable, self-contained and escaped", () => {
    const html = monthlyReportHtml(r);
    expect(html).toContain("@media print");
    expect(html).toContain("&#60;Group &#38; Co&#62;");
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain("$1,010.00");
  });
});
