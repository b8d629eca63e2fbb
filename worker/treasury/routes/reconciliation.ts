import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { bankStatements, treasuryAccounts } from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { newId } from "../../lib/ids";
import { validate } from "../../http/validate";
import { reconcile } from "../distribution";
import { actorId, groupIdOf } from "../../http/treasury";
import { centsSchema, isoDateSchema } from "../money";
import { accountBalances } from "../queries";
import { auditStatement, runBatch } from "../store";
import { GROUP, TREASURER, TREASURY_READERS } from "./rules";
import { ok } from "../../apidocs/responses";
import { StatementListJson, StatementRecordedJson } from "../answers";

const tags = ["treasury"];
const statementBody = z.object({
  accountId: z.string().min(1).max(64),
  date: isoDateSchema,
  balanceCents: centsSchema,
  note: z.string().trim().max(200).optional(),
});

async function bookBalance(env: Env, groupId: string, accountId: string, date: string): Promise<number> {
  const rows = await accountBalances(env, groupId, date);
  return rows.find((r) => r.accountId === accountId)?.balanceCents ?? 0;
}

/** Bank reconciliation: a statement balance on a date, asserted against the books. */
export const treasuryReconciliationRoutes = new Hono<AppEnv>()
  .post(
    "/reconciliation",
    allow.roles(TREASURER, GROUP),
    describeRoute({
      tags,
      summary: "Record a bank statement balance and compare with the books",
      responses: ok(StatementRecordedJson, 201),
    }),
    validate("json", statementBody),
    async (c) => {
      const groupId = groupIdOf(c);
      const body = c.req.valid("json");
      const d = db(c.env);
      const account = await d
        .select()
        .from(treasuryAccounts)
        .where(and(eq(treasuryAccounts.id, body.accountId), eq(treasuryAccounts.groupId, groupId)))
        .get();
      if (account?.type !== "asset")
        throw fail(400, "invalid_request", "Reconcile an asset account of this group", {
          issues: [{ path: "json.accountId", message: "No such asset account" }],
        });
      const id = newId("bs_");
      const actor = actorId(c);
      const row = {
        id,
        groupId,
        accountId: body.accountId,
        statementDate: body.date,
        balanceCents: body.balanceCents,
        note: body.note ?? null,
        createdBy: actor,
      };
      await runBatch(c.env, [
        d.insert(bankStatements).values(row),
        auditStatement(d, {
          groupId,
          actorId: actor,
          action: "reconciliation.record",
          entity: "bank_statement",
          entityId: id,
          after: row,
        }),
      ]);
      const result = reconcile(await bookBalance(c.env, groupId, body.accountId, body.date), body.balanceCents);
      return c.json({ statementId: id, accountId: body.accountId, date: body.date, ...result }, 201);
    },
  )
  .get(
    "/reconciliation",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({
      tags,
      summary: "Recorded statements and whether the books agree",
      responses: ok(StatementListJson),
    }),
    async (c) => {
      const groupId = groupIdOf(c);
      const rows = await db(c.env)
        .select()
        .from(bankStatements)
        .where(eq(bankStatements.groupId, groupId))
        .orderBy(desc(bankStatements.statementDate))
        .limit(100);
      const statements = [];
      for (const s of rows) {
        statements.push({
          statementId: s.id,
          accountId: s.accountId,
          date: s.statementDate,
          note: s.note,
          ...reconcile(await bookBalance(c.env, groupId, s.accountId, s.statementDate), s.balanceCents),
        });
      }
      return c.json({ statements });
    },
  );
