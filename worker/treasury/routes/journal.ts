import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { expenses, journalEntries } from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { notFound } from "../../lib/errors";
import { validate } from "../../http/validate";
import { transition, unpaidFields } from "../expense-workflow";
import { assertPostingDate } from "../posting-date";
import { actorId, groupIdOf, idempotentWrite } from "../../http/treasury";
import { reversalMemo, reversingLines } from "../ledger";
import { centsSchema, isoDateSchema } from "../money";
import { entryJson, loadEntries } from "../queries";
import {
  auditStatement,
  checkLineReferences,
  ensureChartOfAccounts,
  groupToday,
  postEntryStatements,
  type Statement,
} from "../store";
import { GROUP, IDEMPOTENCY_HEADER, TREASURER, TREASURY_READERS } from "./rules";
import { ok } from "../../apidocs/responses";
import { EntryListJson, EntryOneJson, EntryPostedJson, EntryReversedJson } from "../answers";

const tags = ["treasury"];
const id = z.string().min(1).max(64);

export const lineSchema = z.object({
  accountId: id,
  amountCents: centsSchema,
  meetingId: id.optional(),
  occurrenceId: id.optional(),
});

const newEntry = z.object({
  date: isoDateSchema,
  memo: z.string().trim().min(1).max(500),
  lines: z.array(lineSchema).min(2, { error: "An entry needs at least two lines" }).max(50),
});
const reverseBody = z
  .object({ date: isoDateSchema.optional(), reason: z.string().trim().max(200).optional() })
  .default({});
const entryParam = z.object({ groupId: z.string(), entryId: id });
const listQuery = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * When `paymentEntryId` paid an expense, the statements that put that expense back to approved
 * (payment fields cleared) with its audit row, for the reversing entry's batch; otherwise none.
 * The reversal's unique `reverses_entry_id` makes this happen at most once per payment.
 */
async function reopenPaidExpense(
  env: Env,
  groupId: string,
  paymentEntryId: string,
  reversalEntryId: string,
  actor: string,
  now: number,
): Promise<{ expenseId: string | null; statements: Statement[] }> {
  const d = db(env);
  const paid = await d
    .select()
    .from(expenses)
    .where(and(eq(expenses.groupId, groupId), eq(expenses.status, "paid"), eq(expenses.paidEntryId, paymentEntryId)))
    .get();
  if (!paid) return { expenseId: null, statements: [] };
  const r = transition(paid, "unpay", actor);
  if (!r.ok) throw fail(r.status, r.code, r.message);
  const after = unpaidFields(now);
  const before = { status: paid.status, paidBy: paid.paidBy, paidAt: paid.paidAt, paidEntryId: paid.paidEntryId };
  return {
    expenseId: paid.id,
    statements: [
      d
        .update(expenses)
        .set(after)
        .where(and(eq(expenses.id, paid.id), eq(expenses.status, "paid"), eq(expenses.paidEntryId, paymentEntryId))),
      auditStatement(d, {
        groupId,
        actorId: actor,
        action: "expense.unpay",
        entity: "expense",
        entityId: paid.id,
        before,
        after: { ...after, reversalEntryId },
        at: now,
      }),
    ],
  };
}

/** The journal: read entries, post balanced entries, reverse a posted entry (once; an expense's payment reopens the expense). */
export const treasuryJournalRoutes = new Hono<AppEnv>()
  .get(
    "/journal/entries",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "Journal entries with lines, newest first", responses: ok(EntryListJson) }),
    validate("query", listQuery),
    async (c) => {
      const q = c.req.valid("query");
      const entries = await loadEntries(c.env, groupIdOf(c), { from: q.from, to: q.to, limit: q.limit, order: "desc" });
      return c.json({ entries: entries.map(entryJson) });
    },
  )
  .get(
    "/journal/entries/:entryId",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "One journal entry", responses: ok(EntryOneJson) }),
    validate("param", entryParam),
    async (c) => {
      const [entry] = await loadEntries(c.env, groupIdOf(c), { ids: [c.req.valid("param").entryId] });
      if (!entry) throw notFound("Entry");
      const reversal = await db(c.env)
        .select({ id: journalEntries.id })
        .from(journalEntries)
        .where(eq(journalEntries.reversesEntryId, entry.id))
        .get();
      return c.json({ entry: { ...entryJson(entry), reversedByEntryId: reversal?.id ?? null } });
    },
  )
  .post(
    "/journal/entries",
    allow.roles(TREASURER, GROUP),
    describeRoute({
      tags,
      summary: "Post a balanced journal entry (Idempotency-Key required)",
      ...IDEMPOTENCY_HEADER,
      responses: ok(EntryPostedJson, 201),
    }),
    validate("json", newEntry),
    async (c) => {
      const groupId = groupIdOf(c);
      const body = c.req.valid("json");
      return idempotentWrite(c, body, async () => {
        await ensureChartOfAccounts(c.env, groupId);
        await checkLineReferences(c.env, groupId, body.lines);
        await assertPostingDate(c.env, groupId, body.date);
        const { entryId, statements } = postEntryStatements(db(c.env), {
          groupId,
          date: body.date,
          memo: body.memo,
          kind: "manual",
          createdBy: actorId(c),
          lines: body.lines,
        });
        return { status: 201, body: { entryId }, statements };
      });
    },
  )
  .post(
    "/journal/entries/:entryId/reverse",
    allow.roles(TREASURER, GROUP),
    describeRoute({
      tags,
      summary:
        "Post the reversing entry of a posted entry, once; reversing an expense payment makes the expense payable again (Idempotency-Key required)",
      ...IDEMPOTENCY_HEADER,
      responses: ok(EntryReversedJson, 201),
    }),
    validate("param", entryParam),
    validate("json", reverseBody),
    async (c) => {
      const groupId = groupIdOf(c);
      const { entryId } = c.req.valid("param");
      const body = c.req.valid("json");
      const conflict = {
        target: "journal_entries.reverses_entry_id",
        status: 409 as const,
        code: "already_reversed",
        message: "This entry was already reversed",
      };
      return idempotentWrite(
        c,
        body,
        async () => {
          const [original] = await loadEntries(c.env, groupId, { ids: [entryId] });
          if (!original) throw notFound("Entry");
          if (original.kind === "reversal")
            throw fail(
              409,
              "cannot_reverse_reversal",
              "A reversing entry cannot itself be reversed; post a new entry instead",
            );
          const already = await db(c.env)
            .select({ id: journalEntries.id })
            .from(journalEntries)
            .where(and(eq(journalEntries.groupId, groupId), eq(journalEntries.reversesEntryId, entryId)))
            .get();
          if (already) throw fail(409, conflict.code, conflict.message);
          const date = body.date ?? (await groupToday(c.env, groupId));
          await assertPostingDate(c.env, groupId, date);
          const actor = actorId(c);
          const now = Date.now();
          const { entryId: reversalId, statements } = postEntryStatements(
            db(c.env),
            {
              groupId,
              date,
              memo: reversalMemo(original.memo, body.reason),
              kind: "reversal",
              reversesEntryId: original.id,
              createdBy: actor,
              lines: reversingLines(original.lines),
            },
            now,
          );
          // Reversing an expense's payment takes the money back, so the claim is payable again (same batch).
          const reopened =
            original.kind === "expense"
              ? await reopenPaidExpense(c.env, groupId, original.id, reversalId, actor, now)
              : { expenseId: null, statements: [] };
          statements.push(...reopened.statements);
          return {
            status: 201,
            body: { entryId: reversalId, reversesEntryId: original.id, reopenedExpenseId: reopened.expenseId },
            statements,
          };
        },
        [conflict],
      );
    },
  );
