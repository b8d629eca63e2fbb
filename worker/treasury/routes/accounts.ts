import { and, eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { ACCOUNT_CODE_PATTERN, ACCOUNT_NAME_MAX, ACCOUNT_TYPES } from "#shared/treasury-rules";
import { budgetLines, expenses, journalLines, treasuryAccounts } from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { validate } from "../../http/validate";
import { isStandardCode } from "../chart";
import { actorId, groupIdOf } from "../../http/treasury";
import { auditStatement, ensureChartOfAccounts, isUniqueViolation, runBatch } from "../store";
import { GROUP, TREASURY_READERS, TREASURER } from "./rules";
import { ok } from "../../apidocs/responses";
import { AccountDeletedJson, AccountListJson, AccountWrittenJson } from "../answers";

const tags = ["treasury"];
const newAccount = z.object({
  code: z.string().regex(ACCOUNT_CODE_PATTERN, { error: "1–16 letters, digits, dots or dashes" }),
  name: z.string().trim().min(1).max(ACCOUNT_NAME_MAX),
  type: z.enum(ACCOUNT_TYPES),
});
const accountPatch = z.object({
  name: z.string().trim().min(1).max(ACCOUNT_NAME_MAX).optional(),
  active: z.boolean().optional(),
});
const accountParam = z.object({ groupId: z.string(), accountId: z.string() });

/** Chart of accounts: list, add, rename or (de)activate; a used account is never deleted. */
export const treasuryAccountRoutes = new Hono<AppEnv>()
  .get(
    "/accounts",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "Chart of accounts (seeded on first use)", responses: ok(AccountListJson) }),
    async (c) => {
      const accounts = await ensureChartOfAccounts(c.env, groupIdOf(c));
      // `standard`: part of the chart the workflows post to, so it can be deactivated but not deleted.
      return c.json({
        accounts: accounts.map(({ createdAt: _, ...a }) => ({ ...a, standard: isStandardCode(a.code) })),
      });
    },
  )
  .post(
    "/accounts",
    allow.roles(TREASURER, GROUP),
    describeRoute({ tags, summary: "Add an account", responses: ok(AccountWrittenJson, 201) }),
    validate("json", newAccount),
    async (c) => {
      const groupId = groupIdOf(c);
      await ensureChartOfAccounts(c.env, groupId);
      const body = c.req.valid("json");
      const account = { id: newId("acc_"), groupId, ...body, active: true };
      const d = db(c.env);
      try {
        await runBatch(c.env, [
          d.insert(treasuryAccounts).values(account),
          auditStatement(d, {
            groupId,
            actorId: actorId(c),
            action: "account.create",
            entity: "account",
            entityId: account.id,
            after: body,
          }),
        ]);
      } catch (err) {
        if (isUniqueViolation(err))
          throw fail(409, "duplicate_code", "An account with this code exists", {
            issues: [{ path: "json.code", message: "Already used" }],
          });
        throw err;
      }
      return c.json({ account: { ...account, standard: false } }, 201);
    },
  )
  .patch(
    "/accounts/:accountId",
    allow.roles(TREASURER, GROUP),
    describeRoute({ tags, summary: "Rename or (de)activate an account", responses: ok(AccountWrittenJson) }),
    validate("param", accountParam),
    validate("json", accountPatch),
    async (c) => {
      const groupId = groupIdOf(c);
      const { accountId } = c.req.valid("param");
      const d = db(c.env);
      const before = await d
        .select()
        .from(treasuryAccounts)
        .where(and(eq(treasuryAccounts.id, accountId), eq(treasuryAccounts.groupId, groupId)))
        .get();
      if (!before) throw notFound("Account");
      const patch = c.req.valid("json");
      const after = { ...before, ...patch };
      await runBatch(c.env, [
        d.update(treasuryAccounts).set(patch).where(eq(treasuryAccounts.id, accountId)),
        auditStatement(d, {
          groupId,
          actorId: actorId(c),
          action: "account.update",
          entity: "account",
          entityId: accountId,
          before: { name: before.name, active: before.active },
          after: { name: after.name, active: after.active },
        }),
      ]);
      const { createdAt: _, ...account } = after;
      return c.json({ account: { ...account, standard: isStandardCode(account.code) } });
    },
  )
  .delete(
    "/accounts/:accountId",
    allow.roles(TREASURER, GROUP),
    describeRoute({
      tags,
      summary:
        "Delete an unused account; a used one is deactivated; a standard-chart one is refused (409 standard_account)",
      responses: ok(AccountDeletedJson),
    }),
    validate("param", accountParam),
    async (c) => {
      const groupId = groupIdOf(c);
      const { accountId } = c.req.valid("param");
      const d = db(c.env);
      const account = await d
        .select()
        .from(treasuryAccounts)
        .where(and(eq(treasuryAccounts.id, accountId), eq(treasuryAccounts.groupId, groupId)))
        .get();
      if (!account) throw notFound("Account");
      // The workflows post to the standard codes (and the chart is re-seeded from them): one can be
      // deactivated, never deleted, or it would come back under a new id on the next read.
      if (isStandardCode(account.code)) {
        throw fail(
          409,
          "standard_account",
          "This account is part of the standard chart the treasury posts to; deactivate it instead of deleting it",
        );
      }
      const used = await d.get<{ used: number }>(
        sql`SELECT (EXISTS(SELECT 1 FROM ${journalLines} WHERE account_id = ${accountId}) OR EXISTS(SELECT 1 FROM ${expenses} WHERE account_id = ${accountId}) OR EXISTS(SELECT 1 FROM ${budgetLines} WHERE account_id = ${accountId})) AS used`,
      );
      const audit = (action: string) =>
        auditStatement(d, {
          groupId,
          actorId: actorId(c),
          action,
          entity: "account",
          entityId: accountId,
          before: { code: account.code, name: account.name, active: account.active },
        });
      if (used?.used) {
        await runBatch(c.env, [
          d.update(treasuryAccounts).set({ active: false }).where(eq(treasuryAccounts.id, accountId)),
          audit("account.deactivate"),
        ]);
        return c.json({ deleted: false, deactivated: true });
      }
      await runBatch(c.env, [
        d.delete(treasuryAccounts).where(eq(treasuryAccounts.id, accountId)),
        audit("account.delete"),
      ]);
      return c.json({ deleted: true, deactivated: false });
    },
  );
