/**
 * Demo books for one group: a believable year ending this month, posted through the same
 * domain functions the API uses (balanced entries, audit rows, receipts confirmed in R2).
 * Idempotent: every entry has a deterministic `source`, every row a deterministic id.
 */
import { and, eq, like } from "drizzle-orm";
import { db } from "../db/client";
import {
  attachments,
  bankStatements,
  budgetLines,
  contributionBatches,
  expenses,
  journalEntries,
  treasuryPlans,
} from "../db/schema-treasury";
import { CODES } from "../treasury/chart";
import { buildContributionLines, type ContributionItem } from "../treasury/contributions";
import { type Plan, proposeDistribution, type ServiceBody } from "../treasury/distribution";
import { addMonths, fiscalYearFor, monthBounds } from "../treasury/fiscal-year";
import { sha256Hex } from "../treasury/idempotency";
import { planRow } from "../treasury/plan-store";
import { accountBalances } from "../treasury/queries";
import { contentKey, storeConfirmedReceipt } from "../treasury/receipt-objects";
import {
  accountsByCode,
  auditStatement,
  ensureFiscalYear,
  loadGroup,
  postEntryStatements,
  runBatch,
  type Statement,
} from "../treasury/store";

// A real 1×1 PNG; receipts in the demo are tiny but genuine files of their declared type.
const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** A minimal one-page PDF that says what the receipt is for. */
function receiptPdf(text: string): Uint8Array {
  const safe = text.replace(/[()\\]/g, " ");
  const stream = `BT /F1 12 Tf 40 100 Td (${safe}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** Deterministic pseudo-random numbers (mulberry32) so re-runs produce the same books. */
function prng(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

type DemoExpense = {
  slug: string;
  date: string;
  payee: string;
  code: string;
  amountCents: number;
  description: string;
  receipt: "png" | "pdf";
  status?: "claimed" | "approved" | "paid";
  distribution?: boolean;
};

/** The group conscience plan the demo groups adopted. */
const DEMO_PLAN: Plan = {
  reserve: { mode: "months", months: 3 },
  split: { district: 10, area: 10, intergroup: 30, gso: 50 },
};
const SERVICE_BODY_PAYEES: Record<ServiceBody, string> = {
  district: "District 12",
  area: "Area 20",
  intergroup: "Central Office",
  gso: "General Service Office",
};

/**
 * Seeds a year of demo books for `groupId`: opening balances, weekly Seventh Tradition batches
 * per meeting, monthly rent, literature, quarterly contributions to district/area/GSO (paid
 * expenses with receipts in R2), a budget for the current fiscal year, a group conscience plan
 * and last month's bank statement.
 */
export async function seedTreasuryDemo(
  env: Env,
  groupId: string,
  people: { treasurerId: string; secretaryId: string },
  meetingIds: string[],
): Promise<void> {
  const d = db(env);
  const accounts = await accountsByCode(env, groupId);
  const acct = (code: string) => accounts.get(code)!.id;
  const prefix = `demo:${groupId}:`;
  const existing = new Set(
    (
      await d
        .select({ source: journalEntries.source })
        .from(journalEntries)
        .where(and(eq(journalEntries.groupId, groupId), like(journalEntries.source, `${prefix}%`)))
    ).map((r) => r.source),
  );
  const today = new Date().toISOString().slice(0, 10);
  const thisMonth = today.slice(0, 7);
  const firstMonth = addMonths(thisMonth, -11);
  const start = monthBounds(firstMonth).first;
  // A year of history reaches back before the fiscal year the group was created in: open that
  // earlier year, as a treasurer would, so the seeded books obey the posting-date rule.
  const { fiscalYearStartMonth } = await loadGroup(env, groupId);
  await ensureFiscalYear(env, groupId, Number(fiscalYearFor(start, fiscalYearStartMonth).startsOn.slice(0, 4)));
  // Statements are queued in groups (one entry with its rows); a flush packs whole groups into
  // batches, so the seed is quick and no entry is ever split across two batches.
  const groups: Statement[][] = [];
  const pending = { push: (...statements: Statement[]) => groups.push(statements) };
  const flush = async () => {
    while (groups.length) {
      const batch: Statement[] = [];
      while (groups.length && (batch.length === 0 || batch.length + groups[0].length <= 40))
        batch.push(...groups.shift()!);
      await runBatch(env, batch);
    }
  };
  const post = (
    slug: string,
    entry: Omit<Parameters<typeof postEntryStatements>[1], "groupId" | "source" | "createdBy">,
  ) => {
    const source = `${prefix}${slug}`;
    if (existing.has(source)) return null;
    const posted = postEntryStatements(d, { ...entry, groupId, source, createdBy: people.treasurerId });
    pending.push(...posted.statements);
    return posted.entryId;
  };

  post("opening", {
    date: start,
    memo: "Opening balances carried over from the previous treasurer",
    kind: "opening",
    lines: [
      { accountId: acct(CODES.checking), amountCents: 86_450 },
      { accountId: acct(CODES.cash), amountCents: 4_000 },
      { accountId: acct(CODES.netAssets), amountCents: -90_450 },
    ],
  });

  const cashByMonth = new Map<string, number>();
  // Weekly Seventh Tradition per meeting (at most five meetings, to keep the books readable).
  for (const [mi, meetingId] of meetingIds.slice(0, 5).entries()) {
    const rand = prng(`${groupId}:${meetingId}`);
    for (let week = 0, date = addDays(start, mi); date <= today; week++, date = addDays(date, 7)) {
      const items: ContributionItem[] = [];
      const cashCount = 5 + Math.floor(rand() * 8);
      for (let i = 0; i < cashCount; i++)
        items.push({ amountCents: [100, 100, 200, 500, 500, 1000, 2000][Math.floor(rand() * 7)], method: "cash" });
      const onlineCount = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < onlineCount; i++)
        items.push({ amountCents: 300 + Math.floor(rand() * 20) * 100, method: "online" });
      const built = buildContributionLines(items, accounts, { meetingId, occurrenceId: null });
      const entryId = post(`tradition:${meetingId}:${week}`, {
        date,
        memo: "Seventh Tradition collection",
        kind: "contribution",
        lines: built.lines,
      });
      cashByMonth.set(date.slice(0, 7), (cashByMonth.get(date.slice(0, 7)) ?? 0) + built.cashCents);
      if (entryId) {
        pending.push(
          d.insert(contributionBatches).values({
            id: `cb_demo_${entryId}`,
            groupId,
            entryId,
            date,
            meetingId,
            occurrenceId: null,
            totalCents: built.totalCents,
            cashCents: built.cashCents,
            onlineCents: built.onlineCents,
            itemCount: items.length,
            createdBy: people.treasurerId,
          }),
        );
      }
    }
  }

  // Cash is deposited to the bank at the end of each month (the float stays in the box).
  for (let m = firstMonth; m < thisMonth; m = addMonths(m, 1)) {
    const cash = cashByMonth.get(m) ?? 0;
    if (cash > 0) {
      post(`deposit:${m}`, {
        date: monthBounds(m).last,
        memo: "Cash deposit to checking",
        kind: "manual",
        lines: [
          { accountId: acct(CODES.checking), amountCents: cash },
          { accountId: acct(CODES.cash), amountCents: -cash },
        ],
      });
    }
  }

  // Expenses: monthly rent, literature every other month, quarterly contributions, and two open claims.
  const demoExpenses: DemoExpense[] = [];
  for (let i = 0, m = firstMonth; m <= thisMonth; i++, m = addMonths(m, 1)) {
    const rentDate = `${m}-03`;
    if (rentDate <= today)
      demoExpenses.push({
        slug: `rent-${m}`,
        date: rentDate,
        payee: "St. Mark's Parish Hall",
        code: CODES.rent,
        amountCents: 15_000,
        description: `Room rent ${m}`,
        receipt: "pdf",
        status: m === thisMonth ? "approved" : "paid",
      });
    if (i % 2 === 1)
      demoExpenses.push({
        slug: `lit-${m}`,
        date: `${m}-12`,
        payee: "Area literature depot",
        code: CODES.literature,
        amountCents: 4_250 + i * 75,
        description: "Big Books, pamphlets and chips",
        receipt: "png",
      });
    if (i % 3 === 2)
      demoExpenses.push({
        slug: `distribution-${m}`,
        date: `${m}-20`,
        payee: "",
        code: CODES.serviceBodies,
        amountCents: 0,
        description: "",
        receipt: "pdf",
        distribution: true,
      });
  }
  demoExpenses.push({
    slug: `coffee-${thisMonth}`,
    date: today,
    payee: "Corner grocery",
    code: CODES.serviceWork,
    amountCents: 1_875,
    description: "Coffee and cups for the anniversary meeting",
    receipt: "png",
    status: "claimed",
  });

  await flush();
  const sorted = demoExpenses.filter((x) => x.date <= today).sort((a, b) => a.date.localeCompare(b.date));
  const record = async (e: DemoExpense) => {
    const expenseId = `exp_demo_${groupId}_${e.slug}`;
    const attachmentId = `att_demo_${groupId}_${e.slug}`;
    const bytes =
      e.receipt === "png"
        ? Uint8Array.from(atob(PNG_BASE64), (ch) => ch.charCodeAt(0))
        : receiptPdf(`${e.payee}: ${e.description} ${e.amountCents / 100}`);
    const contentType = e.receipt === "png" ? "image/png" : "application/pdf";
    const key = `receipts/${groupId}/${attachmentId}`;
    const sha256 = await sha256Hex(bytes);
    // Stored as a confirmed upload is: under its content key (the upload key is only the row's name for it).
    if (!(await env.RECEIPTS.head(contentKey(groupId, sha256))))
      await storeConfirmedReceipt(env, { groupId, contentType, sha256 }, bytes);
    const status = e.status ?? "paid";
    const at = Date.parse(`${e.date}T18:00:00Z`);
    await d
      .insert(attachments)
      .values({
        id: attachmentId,
        groupId,
        r2Key: key,
        filename: `${e.slug}.${e.receipt}`,
        contentType,
        size: bytes.byteLength,
        sha256,
        status: "confirmed",
        createdBy: people.secretaryId,
        createdAt: at,
        confirmedAt: at,
      })
      .onConflictDoNothing();
    const entryId =
      status === "paid"
        ? post(`expense:${e.slug}`, {
            date: e.date,
            memo: `${e.payee}: ${e.description}`,
            kind: "expense",
            lines: [
              { accountId: acct(e.code), amountCents: e.amountCents },
              { accountId: acct(CODES.checking), amountCents: -e.amountCents },
            ],
          })
        : null;
    pending.push(
      d
        .insert(expenses)
        .values({
          id: expenseId,
          groupId,
          claimantId: people.secretaryId,
          payee: e.payee,
          amountCents: e.amountCents,
          accountId: acct(e.code),
          description: e.description,
          attachmentId,
          status,
          decidedBy: status === "claimed" ? null : people.treasurerId,
          decidedAt: status === "claimed" ? null : at,
          paidBy: status === "paid" ? people.treasurerId : null,
          paidAt: status === "paid" ? at : null,
          paidEntryId: entryId,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing(),
    );
    if (entryId)
      pending.push(
        auditStatement(d, {
          groupId,
          actorId: people.treasurerId,
          action: "expense.pay",
          entity: "expense",
          entityId: expenseId,
          after: { status: "paid", entryId },
          at,
        }),
      );
  };
  for (const e of sorted) {
    if (!e.distribution) {
      await record(e);
      continue;
    }
    // Quarterly, the group sends what is above its prudent reserve, split by its plan.
    await flush();
    const checking =
      (await accountBalances(env, groupId, e.date)).find((b) => b.code === CODES.checking)?.balanceCents ?? 0;
    const proposal = proposeDistribution(DEMO_PLAN, checking, 17_500);
    for (const p of proposal.payouts) {
      if (p.amountCents <= 0) continue;
      await record({
        slug: `${e.slug}-${p.body}`,
        date: e.date,
        payee: SERVICE_BODY_PAYEES[p.body],
        code: CODES.serviceBodies,
        amountCents: p.amountCents,
        description: `Quarterly contribution (${p.percent}%)`,
        receipt: "pdf",
      });
    }
  }
  await flush();

  // Budget for the current fiscal year, and the group conscience plan.
  const fy = await ensureFiscalYear(env, groupId);
  const budget: [string, number][] = [
    // Sized to the collections above (five meetings, roughly $70 each a week), so the
    // budget-vs-actual view reads like a real year rather than hundreds of percent over.
    [CODES.seventhTradition, 1_850_000],
    [CODES.rent, 180_000],
    [CODES.literature, 40_000],
    [CODES.serviceWork, 15_000],
    [CODES.serviceBodies, 1_500_000],
  ];
  await d
    .insert(budgetLines)
    .values(
      budget.map(([code, amountCents]) => ({
        id: `bl_demo_${fy.id}_${code}`,
        fiscalYearId: fy.id,
        accountId: acct(code),
        amountCents,
      })),
    )
    .onConflictDoNothing();
  await d
    .insert(treasuryPlans)
    .values(planRow(groupId, { ...DEMO_PLAN, adoptedOn: start }, people.treasurerId))
    .onConflictDoNothing();

  // Last month's bank statement, agreeing with the books.
  const lastMonthEnd = monthBounds(addMonths(thisMonth, -1)).last;
  const checking =
    (await accountBalances(env, groupId, lastMonthEnd)).find((b) => b.code === CODES.checking)?.balanceCents ?? 0;
  await d
    .insert(bankStatements)
    .values({
      id: `bs_demo_${groupId}_${lastMonthEnd}`,
      groupId,
      accountId: acct(CODES.checking),
      statementDate: lastMonthEnd,
      balanceCents: checking,
      note: "Monthly bank statement",
      createdBy: people.treasurerId,
    })
    .onConflictDoNothing();
}
