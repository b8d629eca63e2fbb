import { and, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { contributionBatches } from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { newId } from "../../lib/ids";
import { validate } from "../../http/validate";
import { buildContributionLines, contributionItemSchema } from "../contributions";
import { assertPostingDate } from "../posting-date";
import { actorId, groupIdOf, idempotentWrite } from "../../http/treasury";
import { isoDateSchema } from "../money";
import { accountsByCode, auditStatement, postEntryStatements, resolveMeetingTag } from "../store";
import { GROUP, IDEMPOTENCY_HEADER, TREASURER, TREASURY_READERS } from "./rules";
import { ok } from "../../apidocs/responses";
import { ContributionListJson, ContributionRecordedJson } from "../answers";

const tags = ["treasury"];
const id = z.string().min(1).max(64);

const batchBody = z.object({
  date: isoDateSchema,
  meetingId: id.optional(),
  occurrenceId: id.optional(),
  items: z.array(contributionItemSchema).min(1).max(500),
  memo: z.string().trim().max(200).optional(),
});
const listQuery = z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional(), meetingId: id.optional() });

/** Seventh Tradition collections, counted per meeting and posted as one balanced entry. */
export const treasuryContributionRoutes = new Hono<AppEnv>()
  .post(
    "/contributions/batch",
    allow.roles(TREASURER, GROUP),
    describeRoute({
      tags,
      summary: "Record a counted Seventh Tradition collection (Idempotency-Key required)",
      ...IDEMPOTENCY_HEADER,
      responses: ok(ContributionRecordedJson, 201),
    }),
    validate("json", batchBody),
    async (c) => {
      const groupId = groupIdOf(c);
      const body = c.req.valid("json");
      return idempotentWrite(c, body, async () => {
        const tag = await resolveMeetingTag(c.env, groupId, body.meetingId, body.occurrenceId);
        await assertPostingDate(c.env, groupId, body.date);
        const accounts = await accountsByCode(c.env, groupId);
        const built = buildContributionLines(body.items, accounts, tag);
        const actor = actorId(c);
        const d = db(c.env);
        const memo = body.memo ? `Seventh Tradition: ${body.memo}` : "Seventh Tradition collection";
        const { entryId, statements } = postEntryStatements(d, {
          groupId,
          date: body.date,
          memo,
          kind: "contribution",
          createdBy: actor,
          lines: built.lines,
        });
        const batchId = newId("cb_");
        const row = {
          id: batchId,
          groupId,
          entryId,
          date: body.date,
          ...tag,
          totalCents: built.totalCents,
          cashCents: built.cashCents,
          onlineCents: built.onlineCents,
          itemCount: body.items.length,
          createdBy: actor,
        };
        statements.push(d.insert(contributionBatches).values(row));
        statements.push(
          auditStatement(d, {
            groupId,
            actorId: actor,
            action: "contribution.record",
            entity: "contribution_batch",
            entityId: batchId,
            after: { ...row, createdBy: undefined },
          }),
        );
        return { status: 201, body: { batchId, entryId, totalCents: built.totalCents }, statements };
      });
    },
  )
  .get(
    "/contributions",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "Recorded collections", responses: ok(ContributionListJson) }),
    validate("query", listQuery),
    async (c) => {
      const q = c.req.valid("query");
      const where: SQL[] = [eq(contributionBatches.groupId, groupIdOf(c))];
      if (q.from) where.push(gte(contributionBatches.date, q.from));
      if (q.to) where.push(lte(contributionBatches.date, q.to));
      if (q.meetingId) where.push(eq(contributionBatches.meetingId, q.meetingId));
      const batches = await db(c.env)
        .select()
        .from(contributionBatches)
        .where(and(...where))
        .orderBy(desc(contributionBatches.date))
        .limit(1000);
      return c.json({ batches });
    },
  );
