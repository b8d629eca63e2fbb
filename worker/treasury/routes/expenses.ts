import { DECISION_NOTE_MAX, PAYMENT_REFERENCE_MAX } from "#shared/treasury-rules";
import { and, count, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import {
  attachments,
  EXPENSE_STATUSES,
  type Expense,
  expenses,
  journalEntries,
  treasuryAudit,
} from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { validate } from "../../http/validate";
import { CODES } from "../chart";
import { type ExpenseAction, paymentSource, transition } from "../expense-workflow";
import { assertPostingDate } from "../posting-date";
import { actorId, groupIdOf, idempotentWrite } from "../../http/treasury";
import { isoDateSchema, positiveCentsSchema } from "../money";
import {
  accountsByCode,
  auditStatement,
  checkLineReferences,
  groupToday,
  postEntryStatements,
  runBatch,
} from "../store";
import { GROUP, IDEMPOTENCY_HEADER, SERVICE_MEMBERS, TREASURER, TREASURY_READERS } from "./rules";
import { ok } from "../../apidocs/responses";
import { ExpenseClaimedJson, ExpenseListJson, ExpenseOneJson, ExpensePaidJson } from "../answers";

const tags = ["treasury"];
const id = z.string().min(1).max(64);
const reason = z.string().trim().min(3).max(300);

const claimBody = z.object({
  payee: z.string().trim().min(1).max(120),
  amountCents: positiveCentsSchema,
  accountId: id,
  description: z.string().trim().min(1).max(500),
  attachmentId: id.optional(),
  noReceiptReason: reason.optional(),
});
const decideBody = z.object({ note: z.string().trim().max(DECISION_NOTE_MAX).optional() }).default({});
/** `reference`: the cheque number or transfer reference, kept in the entry's memo and the audit row. */
const payBody = z
  .object({
    date: isoDateSchema.optional(),
    fromAccountId: id.optional(),
    reference: z.string().trim().min(1).max(PAYMENT_REFERENCE_MAX).optional(),
    noReceiptReason: reason.optional(),
  })
  .default({});
const expenseParam = z.object({ groupId: z.string(), expenseId: id });
const listQuery = z.object({ status: z.enum(EXPENSE_STATUSES).optional() });

async function loadExpense(env: Env, groupId: string, expenseId: string): Promise<Expense> {
  const row = await db(env)
    .select()
    .from(expenses)
    .where(and(eq(expenses.id, expenseId), eq(expenses.groupId, groupId)))
    .get();
  if (!row) throw notFound("Expense");
  return row;
}

/** A confirmed receipt of this group, or 400 naming `path`. */
async function checkAttachment(env: Env, groupId: string, attachmentId: string, path: string): Promise<void> {
  const a = await db(env)
    .select({ status: attachments.status })
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.groupId, groupId)))
    .get();
  if (!a)
    throw fail(400, "invalid_request", "No such attachment in this group", {
      issues: [{ path, message: "No such attachment" }],
    });
  if (a.status !== "confirmed")
    throw fail(400, "invalid_request", "Attachment is not confirmed yet", {
      issues: [{ path, message: "Confirm the upload first" }],
    });
}

/**
 * How many payment entries this expense already has (each one since reversed, or it would not be
 * payable). Sources are unique across all groups and expense ids never contain ":", so the range
 * `expense:<id>:…` holds exactly the later payments; both terms search the `source` index.
 */
async function earlierPayments(env: Env, expenseId: string): Promise<number> {
  const first = paymentSource(expenseId, 0);
  const row = await db(env)
    .select({ n: count() })
    .from(journalEntries)
    .where(
      or(
        eq(journalEntries.source, first),
        and(gt(journalEntries.source, `${first}:`), lt(journalEntries.source, `${first};`)),
      ),
    )
    .get();
  return row?.n ?? 0;
}

function refuse(r: ReturnType<typeof transition>): asserts r is { ok: true; to: Expense["status"] } {
  if (!r.ok) throw fail(r.status, r.code, r.message);
}

/** approve / reject: a conditional update, with its audit row written only if the update applied. */
async function decide(
  c: Context<AppEnv>,
  action: Extract<ExpenseAction, "approve" | "reject">,
  expenseId: string,
  body: z.infer<typeof decideBody>,
) {
  const groupId = groupIdOf(c);
  const actor = actorId(c);
  const before = await loadExpense(c.env, groupId, expenseId);
  const r = transition(before, action, actor);
  refuse(r);
  const now = Date.now();
  const d = db(c.env);
  const after = { status: r.to, decidedBy: actor, decidedAt: now, decisionNote: body.note ?? null, updatedAt: now };
  // `changes()` is the row count of the UPDATE just before it in the batch (columns in table order): a concurrent decision
  // that got there first leaves no audit row behind for this losing one.
  const audit = sql`SELECT ${newId("aud_")}, ${groupId}, ${actor}, ${`expense.${action}`}, 'expense', ${expenseId}, ${JSON.stringify({ status: before.status })}, ${JSON.stringify(after)}, ${now} WHERE changes() = 1`;
  const [update] = await d.batch([
    d
      .update(expenses)
      .set(after)
      .where(and(eq(expenses.id, expenseId), eq(expenses.status, "claimed"))),
    d.insert(treasuryAudit).select(audit),
  ]);
  if (update.meta.changes !== 1)
    throw fail(409, "invalid_transition", "The expense was decided by someone else just now");
  return c.json({ expense: { ...before, ...after } });
}

/** Expense claims: any service member claims; a treasurer or admin (not the claimant) decides; a treasurer pays. */
export const treasuryExpenseRoutes = new Hono<AppEnv>()
  .post(
    "/expenses",
    allow.roles(SERVICE_MEMBERS, GROUP),
    describeRoute({ tags, summary: "Claim an expense", responses: ok(ExpenseClaimedJson, 201) }),
    validate("json", claimBody),
    async (c) => {
      const groupId = groupIdOf(c);
      const body = c.req.valid("json");
      const accounts = await accountsByCode(c.env, groupId);
      const account = [...accounts.values()].find((a) => a.id === body.accountId);
      if (account?.type !== "expense" || !account.active) {
        throw fail(400, "invalid_request", "Claim against an active expense account of this group", {
          issues: [{ path: "json.accountId", message: "Not an active expense account of this group" }],
        });
      }
      if (body.attachmentId) await checkAttachment(c.env, groupId, body.attachmentId, "json.attachmentId");
      const actor = actorId(c);
      const now = Date.now();
      const expense = {
        id: newId("exp_"),
        groupId,
        claimantId: actor,
        payee: body.payee,
        amountCents: body.amountCents,
        accountId: body.accountId,
        description: body.description,
        attachmentId: body.attachmentId ?? null,
        noReceiptReason: body.noReceiptReason ?? null,
        status: "claimed" as const,
        updatedAt: now,
      };
      const d = db(c.env);
      await runBatch(c.env, [
        d.insert(expenses).values(expense),
        auditStatement(d, {
          groupId,
          actorId: actor,
          action: "expense.claim",
          entity: "expense",
          entityId: expense.id,
          after: expense,
          at: now,
        }),
      ]);
      return c.json({ expense }, 201);
    },
  )
  .get(
    "/expenses",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "Expense claims", responses: ok(ExpenseListJson) }),
    validate("query", listQuery),
    async (c) => {
      const { status } = c.req.valid("query");
      const where = [eq(expenses.groupId, groupIdOf(c))];
      if (status) where.push(eq(expenses.status, status));
      const rows = await db(c.env)
        .select()
        .from(expenses)
        .where(and(...where))
        .orderBy(desc(expenses.createdAt))
        .limit(500);
      return c.json({ expenses: rows });
    },
  )
  .get(
    "/expenses/mine",
    allow.roles(SERVICE_MEMBERS, GROUP),
    describeRoute({
      tags,
      summary: "Your own expense claims, newest first, with each decision and its note",
      responses: ok(ExpenseListJson),
    }),
    async (c) => {
      const rows = await db(c.env)
        .select()
        .from(expenses)
        .where(and(eq(expenses.groupId, groupIdOf(c)), eq(expenses.claimantId, actorId(c))))
        .orderBy(desc(expenses.createdAt))
        .limit(100);
      return c.json({ expenses: rows });
    },
  )
  .get(
    "/expenses/:expenseId",
    allow.roles(SERVICE_MEMBERS, GROUP),
    describeRoute({
      tags,
      summary: "One expense claim (any service member of the group)",
      responses: ok(ExpenseOneJson),
    }),
    validate("param", expenseParam),
    async (c) => {
      const groupId = groupIdOf(c);
      const expense = await loadExpense(c.env, groupId, c.req.valid("param").expenseId);
      return c.json({ expense });
    },
  )
  .post(
    "/expenses/:expenseId/approve",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "Approve a claim (not your own)", responses: ok(ExpenseOneJson) }),
    validate("param", expenseParam),
    validate("json", decideBody),
    (c) => decide(c, "approve", c.req.valid("param").expenseId, c.req.valid("json")),
  )
  .post(
    "/expenses/:expenseId/reject",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "Reject a claim (not your own)", responses: ok(ExpenseOneJson) }),
    validate("param", expenseParam),
    validate("json", decideBody),
    (c) => decide(c, "reject", c.req.valid("param").expenseId, c.req.valid("json")),
  )
  .post(
    "/expenses/:expenseId/pay",
    allow.roles(TREASURER, GROUP),
    describeRoute({
      tags,
      summary: "Pay an approved claim and post its entry (Idempotency-Key required)",
      ...IDEMPOTENCY_HEADER,
      responses: ok(ExpensePaidJson),
    }),
    validate("param", expenseParam),
    validate("json", payBody),
    async (c) => {
      const groupId = groupIdOf(c);
      const { expenseId } = c.req.valid("param");
      const body = c.req.valid("json");
      const conflict = {
        target: "journal_entries.source",
        status: 409 as const,
        code: "invalid_transition",
        message: "This expense was already paid",
      };
      return idempotentWrite(
        c,
        body,
        async () => {
          // Count the earlier payments before reading the status: any payment committed after this count takes the
          // same source as this one, so a payer acting on a stale read fails its whole batch (409) instead of paying twice.
          const source = paymentSource(expenseId, await earlierPayments(c.env, expenseId));
          const before = await loadExpense(c.env, groupId, expenseId);
          const noReceiptReason = before.noReceiptReason ?? body.noReceiptReason ?? null;
          const actor = actorId(c);
          refuse(transition(before, "pay", actor, { hasReceipt: Boolean(before.attachmentId || noReceiptReason) }));
          const date = body.date ?? (await groupToday(c.env, groupId));
          await assertPostingDate(c.env, groupId, date);
          const accounts = await accountsByCode(c.env, groupId);
          const fromAccountId = body.fromAccountId ?? accounts.get(CODES.checking)?.id ?? "";
          const from = [...accounts.values()].find((a) => a.id === fromAccountId);
          if (from?.type !== "asset" || !from.active) {
            throw fail(400, "invalid_request", "Pay from an active asset account of this group", {
              issues: [{ path: "json.fromAccountId", message: "Not an active asset account of this group" }],
            });
          }
          const lines = [
            { accountId: before.accountId, amountCents: before.amountCents },
            { accountId: fromAccountId, amountCents: -before.amountCents },
          ];
          await checkLineReferences(c.env, groupId, lines);
          const d = db(c.env);
          const now = Date.now();
          const ref = body.reference ? ` (ref. ${body.reference})` : "";
          const memo = `${before.payee}: ${before.description}`.slice(0, 500 - ref.length) + ref;
          const { entryId, statements } = postEntryStatements(
            d,
            { groupId, date, memo, kind: "expense", source, createdBy: actor, lines },
            now,
          );
          const after = {
            status: "paid" as const,
            paidBy: actor,
            paidAt: now,
            paidEntryId: entryId,
            noReceiptReason,
            updatedAt: now,
          };
          statements.push(
            d
              .update(expenses)
              .set(after)
              .where(and(eq(expenses.id, expenseId), eq(expenses.status, "approved"))),
          );
          statements.push(
            auditStatement(d, {
              groupId,
              actorId: actor,
              action: "expense.pay",
              entity: "expense",
              entityId: expenseId,
              before: { status: before.status },
              after: { ...after, date, fromAccountId, reference: body.reference ?? null },
              at: now,
            }),
          );
          return { status: 200, body: { expenseId, entryId, status: "paid" }, statements };
        },
        [conflict],
      );
    },
  );
