import { and, desc, eq, gte, inArray, like, lt, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { DateTime } from "luxon";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { type Role, serviceAssignments } from "../../db/schema";
import { expenses, treasuryAudit } from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { validate } from "../../http/validate";
import { todayIn } from "../fiscal-year";
import { groupIdOf } from "../../http/treasury";
import { isoDateSchema } from "../money";
import { loadGroup } from "../store";
import { GROUP, TREASURY_READERS } from "./rules";
import { ok } from "../../apidocs/responses";

import { AUDIT_KINDS } from "#shared/treasury-rules";

const auditQuery = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(80).optional(),
  kind: z.enum(AUDIT_KINDS).optional(),
  /** First and last day (inclusive), in the group's time zone. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** When several roles were held at once, the one that explains a money action best. */
const ROLE_ORDER: readonly Role[] = ["treasurer", "admin", "secretary", "host"];

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
const field = (v: unknown, key: string): unknown =>
  v && typeof v === "object" && key in v ? (v as Record<string, unknown>)[key] : undefined;
const cents = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);

/** The money a row moved or stated, from what it recorded: a collection's total, an entry's debits, a statement balance. */
function amountOf(entity: string, after: unknown): number | null {
  if (entity === "contribution_batch") return cents(field(after, "totalCents"));
  if (entity === "bank_statement") return cents(field(after, "balanceCents"));
  if (entity === "journal_entry") {
    const lines = field(after, "lines");
    if (!Array.isArray(lines)) return null;
    return lines.reduce((sum: number, l) => sum + Math.max(0, cents(field(l, "amountCents")) ?? 0), 0);
  }
  return null;
}

/** The role (by ROLE_ORDER) an actor held in the group on `date`, from their assignments. */
function roleOn(
  assignments: { userId: string; role: Role; startsOn: string; endsOn: string | null }[],
  userId: string,
  date: string,
): Role | null {
  const held = assignments
    .filter((a) => a.userId === userId && a.startsOn <= date && (a.endsOn === null || a.endsOn >= date))
    .map((a) => a.role);
  return ROLE_ORDER.find((r) => held.includes(r)) ?? null;
}

/**
 * The audit trail: who did what to which money record, newest first. Each row names the actor's
 * role in the group on that day (never a name or email), the amount where the row has one, and an
 * expense's payee, so the dashboard can write it as a sentence.
 */
export const treasuryAuditRoutes = new Hono<AppEnv>().get(
  "/audit",
  allow.roles(TREASURY_READERS, GROUP),
  describeRoute({
    tags: ["treasury"],
    summary: "Audit trail of money actions (filter by kind and by a date range in the group's zone)",
    responses: ok(z.object({ audit: z.array(z.looseObject({ id: z.string(), action: z.string() })) })),
  }),
  validate("query", auditQuery),
  async (c) => {
    const q = c.req.valid("query");
    const groupId = groupIdOf(c);
    const d = db(c.env);
    const { timezone } = await loadGroup(c.env, groupId);
    const dayStart = (date: string) => DateTime.fromISO(date, { zone: timezone }).startOf("day").toMillis();
    const where: SQL[] = [eq(treasuryAudit.groupId, groupId)];
    if (q.entity) where.push(eq(treasuryAudit.entity, q.entity));
    if (q.entityId) where.push(eq(treasuryAudit.entityId, q.entityId));
    if (q.kind) where.push(like(treasuryAudit.action, `${q.kind}.%`));
    if (q.from) where.push(gte(treasuryAudit.at, dayStart(q.from)));
    if (q.to)
      where.push(
        lt(treasuryAudit.at, DateTime.fromMillis(dayStart(q.to), { zone: timezone }).plus({ days: 1 }).toMillis()),
      );
    const rows = await d
      .select()
      .from(treasuryAudit)
      .where(and(...where))
      .orderBy(desc(treasuryAudit.at), desc(treasuryAudit.id))
      .limit(q.limit);
    const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
    const expenseIds = [...new Set(rows.filter((r) => r.entity === "expense").map((r) => r.entityId))];
    const [assignments, expenseRows] = await Promise.all([
      actorIds.length
        ? d
            .select({
              userId: serviceAssignments.userId,
              role: serviceAssignments.role,
              startsOn: serviceAssignments.startsOn,
              endsOn: serviceAssignments.endsOn,
            })
            .from(serviceAssignments)
            .where(and(eq(serviceAssignments.groupId, groupId), inArray(serviceAssignments.userId, actorIds)))
        : [],
      expenseIds.length
        ? d
            .select({ id: expenses.id, payee: expenses.payee, amountCents: expenses.amountCents })
            .from(expenses)
            .where(and(eq(expenses.groupId, groupId), inArray(expenses.id, expenseIds)))
        : [],
    ]);
    const expenseById = new Map(expenseRows.map((e) => [e.id, e]));
    return c.json({
      audit: rows.map(({ beforeJson, afterJson, ...r }) => {
        const after = parse(afterJson);
        const expense = r.entity === "expense" ? expenseById.get(r.entityId) : undefined;
        return {
          ...r,
          before: parse(beforeJson),
          after,
          actorRole: r.actorId ? roleOn(assignments, r.actorId, todayIn(timezone, r.at)) : null,
          amountCents: expense ? expense.amountCents : amountOf(r.entity, after),
          payee: expense?.payee ?? null,
        };
      }),
    });
  },
);
