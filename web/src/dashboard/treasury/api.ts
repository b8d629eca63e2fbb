import type { InferResponseType } from "hono/client";
import { dashApi, ensureOk } from "../client";
import type { MonthlyReport } from "#shared/api-types";
import { getJson, newIdempotencyKey, sendJson } from "../http";
import type { AccountType } from "./accounts";

const tr = dashApi.groups[":groupId"].treasury;

export type Account = InferResponseType<typeof tr.accounts.$get, 200>["accounts"][number];
/** `{ deleted: true }`, or `{ deactivated: true }` when the account had been used. */
export type AccountRemoval = InferResponseType<(typeof tr.accounts)[":accountId"]["$delete"], 200>;
export type Balances = InferResponseType<typeof tr.balances.$get, 200>;
export type BalanceRow = Balances["balances"][number];
export type FiscalYears = InferResponseType<typeof tr.budget.fy.$get, 200>;
export type FiscalYear = FiscalYears["fiscalYears"][number];
export type BudgetVsActual = InferResponseType<(typeof tr.budget.fy)[":fyId"]["vaa"]["$get"], 200>;
export type VaaRow = BudgetVsActual["rows"][number];
export type Proposal = InferResponseType<(typeof tr)["distribution-proposal"]["$get"], 200>;
export type Plan = InferResponseType<typeof tr.plan.$get, 200>["plan"];
export type Expense = InferResponseType<typeof tr.expenses.$get, 200>["expenses"][number];
export type ExpenseStatus = Expense["status"];
export type Batch = InferResponseType<typeof tr.contributions.$get, 200>["batches"][number];
export type Entry = InferResponseType<typeof tr.journal.entries.$get, 200> extends { entries: (infer E)[] } ? E : never;
/** The report route also answers CSV and HTML, so its JSON type comes from the report module itself. */
export type { MonthlyReport } from "#shared/api-types";
export type StripeStatus = InferResponseType<typeof tr.stripe.$get, 200>;
export type Statement = InferResponseType<typeof tr.reconciliation.$get, 200>["statements"][number];

/** The base path of a group's treasury routes (for plain links: exports, printable report). */
export function treasuryPath(groupId: string): string {
  return `/api/groups/${encodeURIComponent(groupId)}/treasury`;
}

const param = (groupId: string) => ({ param: { groupId } });
const json = async <T>(res: Promise<Response & { json(): Promise<T> }>): Promise<T> =>
  (await ensureOk(await res)).json();

export const treasuryApi = {
  accounts: (g: string) => json(tr.accounts.$get(param(g))).then((r) => r.accounts),
  /** Active expense accounts, readable by every service member (for claims). */
  categories: (g: string) =>
    json(dashApi.groups[":groupId"]["expense-categories"].$get(param(g))).then((r) => r.categories),
  balances: (g: string, asOf?: string) => json(tr.balances.$get({ ...param(g), query: asOf ? { asOf } : {} })),
  fiscalYears: (g: string) => json(tr.budget.fy.$get(param(g))),
  vaa: (g: string, fyId: string) => json(tr.budget.fy[":fyId"].vaa.$get({ param: { groupId: g, fyId } })),
  setBudget: (g: string, fyId: string, lines: { accountId: string; amountCents: number }[]) =>
    json(tr.budget.fy[":fyId"].lines.$put({ param: { groupId: g, fyId }, json: { lines } })),
  plan: (g: string) => json(tr.plan.$get(param(g))).then((r) => r.plan),
  setPlan: (
    g: string,
    plan: {
      reserve: { mode: "months"; months: number };
      split: { district: number; area: number; intergroup: number; gso: number };
    },
  ) => json(tr.plan.$put({ ...param(g), json: plan })),
  proposal: (g: string) => json(tr["distribution-proposal"].$get(param(g))),
  expenses: (g: string) => json(tr.expenses.$get({ ...param(g), query: {} })).then((r) => r.expenses),
  /** Approves or rejects a claim; a note (≤ 300 characters, e.g. why it was rejected) is shown to the claimant. */
  decide: (g: string, expenseId: string, action: "approve" | "reject", note?: string) =>
    json(tr.expenses[":expenseId"][action].$post({ param: { groupId: g, expenseId }, json: note ? { note } : {} })),
  /** The signed-in member's own claims in this group (any service member). */
  myClaims: (g: string) => json(tr.expenses.mine.$get(param(g))).then((r) => r.expenses),
  batches: (g: string) => json(tr.contributions.$get({ ...param(g), query: {} })).then((r) => r.batches),
  entries: (g: string) => json(tr.journal.entries.$get({ ...param(g), query: {} })),
  report: (g: string, month: string) =>
    getJson<{ report: MonthlyReport }>(`${treasuryPath(g)}/reports/monthly?month=${encodeURIComponent(month)}`),
  closeFiscalYear: (g: string, fyId: string) =>
    json(tr.budget.fy[":fyId"].close.$post({ param: { groupId: g, fyId } })),
  statements: (g: string) => json(tr.reconciliation.$get(param(g))).then((r) => r.statements),
  reconcile: (g: string, body: { accountId: string; date: string; balanceCents: number }) =>
    json(tr.reconciliation.$post({ ...param(g), json: body })),
};

/** The group's Stripe connection: status for readers, connect/update for the treasurer. */
export const stripeApi = {
  status: (g: string) => json(tr.stripe.$get(param(g))),
  connect: (
    g: string,
    body: { paymentLink: string; webhookSecret?: string; feePercentBps: number; feeFixedCents: number },
  ) => json(tr.stripe.$put({ ...param(g), json: body })),
};

/** Chart of accounts writes (treasurer only). Deleting a used account deactivates it instead; the answer says which. */
export const accountWrites = {
  add: (g: string, body: { code: string; name: string; type: AccountType }) =>
    json(tr.accounts.$post({ ...param(g), json: body })).then((r) => r.account),
  update: (g: string, accountId: string, patch: { name?: string; active?: boolean }) =>
    json(tr.accounts[":accountId"].$patch({ param: { groupId: g, accountId }, json: patch })).then((r) => r.account),
  remove: (g: string, accountId: string) =>
    json<AccountRemoval>(tr.accounts[":accountId"].$delete({ param: { groupId: g, accountId } })),
};

/** Money-affecting writes carry an Idempotency-Key: a retry of the same submission is answered once. */
export const moneyWrites = {
  contributionBatch: (
    g: string,
    body: {
      date: string;
      meetingId?: string;
      memo?: string;
      items: { amountCents: number; method: "cash" | "online" }[];
    },
    key = newIdempotencyKey(),
  ) =>
    sendJson<{ batchId: string; entryId: string; totalCents: number }>(
      `${treasuryPath(g)}/contributions/batch`,
      "POST",
      body,
      { "Idempotency-Key": key },
    ),
  /** Pays an approved claim on `date` from an asset account; `reference` (a cheque number) goes into the entry's memo. */
  pay: (
    g: string,
    expenseId: string,
    body: { date?: string; fromAccountId?: string; reference?: string },
    key = newIdempotencyKey(),
  ) =>
    sendJson<{ expenseId: string; entryId: string; status: "paid" }>(
      `${treasuryPath(g)}/expenses/${encodeURIComponent(expenseId)}/pay`,
      "POST",
      body,
      { "Idempotency-Key": key },
    ),
  entry: (
    g: string,
    body: { date: string; memo: string; lines: { accountId: string; amountCents: number }[] },
    key = newIdempotencyKey(),
  ) => sendJson<{ entryId: string }>(`${treasuryPath(g)}/journal/entries`, "POST", body, { "Idempotency-Key": key }),
  reverse: (g: string, entryId: string, key = newIdempotencyKey()) =>
    sendJson<{ entryId: string; reversesEntryId: string }>(
      `${treasuryPath(g)}/journal/entries/${encodeURIComponent(entryId)}/reverse`,
      "POST",
      {},
      { "Idempotency-Key": key },
    ),
};

/** Claims an expense (any service member of the group). */
export function claimExpense(
  g: string,
  body: {
    payee: string;
    amountCents: number;
    accountId: string;
    description: string;
    attachmentId?: string;
    noReceiptReason?: string;
  },
) {
  return json(tr.expenses.$post({ ...param(g), json: body }));
}
