import { and, desc, eq, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../auth/authz";
import { db } from "../db/client";
import { treasuryAudit } from "../db/schema-treasury";
import type { AppEnv } from "../env";
import { validate } from "../lib/validate";
import { groupIdOf } from "../treasury/http";
import { GROUP, TREASURY_READERS } from "./treasury-rules";

const auditQuery = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The audit trail: who did what to which money record, newest first. */
export const treasuryAuditRoutes = new Hono<AppEnv>().get(
  "/audit",
  allow.roles(TREASURY_READERS, GROUP),
  describeRoute({ tags: ["treasury"], summary: "Audit trail of money actions" }),
  validate("query", auditQuery),
  async (c) => {
    const q = c.req.valid("query");
    const where: SQL[] = [eq(treasuryAudit.groupId, groupIdOf(c))];
    if (q.entity) where.push(eq(treasuryAudit.entity, q.entity));
    if (q.entityId) where.push(eq(treasuryAudit.entityId, q.entityId));
    const rows = await db(c.env).select().from(treasuryAudit).where(and(...where)).orderBy(desc(treasuryAudit.at)).limit(q.limit);
    return c.json({ audit: rows.map(({ beforeJson, afterJson, ...r }) => ({ ...r, before: parse(beforeJson), after: parse(afterJson) })) });
  },
);
