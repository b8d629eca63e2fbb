import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../http/allow";
import { assertMayChangeRole, MONEY_ROLES, todayUtc } from "../auth/authz";
import { prepareMagicLink } from "../auth/magic-link";
import { notifyMoneyRoleChange } from "../auth/role-notices";
import { ensureUser, findUserByEmail } from "../auth/users";
import { type Db, db } from "../db/client";
import { groups, ROLES, serviceAssignments, users } from "../db/schema";
import type { AppEnv } from "../env";
import { fail } from "../http/errors";
import { newId } from "../lib/ids";
import { log } from "../lib/log";
import { validate } from "../http/validate";
import { actorId } from "../http/treasury";
import { auditStatement, ensureChartOfAccounts, runBatch, type Statement } from "../treasury/store";
import { isValidZone } from "../directory/zones";
import { ok } from "../apidocs/responses";
import { AssignmentEndedJson, AssignmentJson, GroupCreatedJson, GroupJson, MembersJson } from "../apidocs/answers";

const slugSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase letters, digits and dashes");
const dateSchema = z.iso.date();

const createGroupBody = z
  .object({
    name: z.string().trim().min(2).max(120),
    slug: slugSchema.optional(),
    timezone: z.string().refine(isValidZone, "Unknown IANA time zone"),
    fiscalYearStartMonth: z.int().min(1).max(12).default(1),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default("USD"),
  })
  .strict();

const inviteBody = z
  .object({
    email: z.email().max(254),
    role: z.enum(ROLES),
    displayName: z.string().trim().min(1).max(60).optional(),
    startsOn: dateSchema.optional(),
    endsOn: dateSchema.optional(),
  })
  .strict()
  .refine((b) => !b.endsOn || !b.startsOn || b.endsOn >= b.startsOn, {
    path: ["endsOn"],
    message: "endsOn must not be before startsOn",
  });

const endBody = z.object({ endsOn: dateSchema.optional() }).strict();
const groupParam = z.object({ groupId: z.string().min(1).max(64) });
const assignmentParam = groupParam.extend({ assignmentId: z.string().min(1).max(64) });

function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 56) || "group"
  );
}

const managers = ["admin", "secretary"] as const;

type AssignmentRow = typeof serviceAssignments.$inferInsert;

/** The audit row of a money role's grant or end (other roles are not money actions). */
function roleAudit(
  d: Db,
  kind: "grant" | "end",
  a: Pick<AssignmentRow, "id" | "groupId" | "userId" | "role" | "startsOn" | "endsOn">,
  actorId: string,
  before?: unknown,
): Statement[] {
  if (!MONEY_ROLES.includes(a.role)) return [];
  const after = { userId: a.userId, role: a.role, startsOn: a.startsOn, endsOn: a.endsOn ?? null };
  return [
    auditStatement(d, {
      groupId: a.groupId,
      actorId,
      action: `role.${kind}`,
      entity: "service_assignment",
      entityId: a.id ?? "",
      before,
      after,
    }),
  ];
}

/** Groups and their service rotation. Emails are never returned: only names, roles and dates. */
export const groupRoutes = new Hono<AppEnv>()
  .post(
    "/",
    allow.platformAdmin(),
    describeRoute({
      tags: ["groups"],
      summary: "Create a group (platform admins)",
      responses: ok(GroupCreatedJson, 201),
    }),
    validate("json", createGroupBody),
    async (c) => {
      const body = c.req.valid("json");
      const id = newId("grp_");
      const slug =
        body.slug ??
        `${slugify(body.name)}-${id
          .slice(-4)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, "x")}`;
      const taken = await db(c.env).select({ id: groups.id }).from(groups).where(eq(groups.slug, slug)).get();
      if (taken)
        throw fail(409, "slug_taken", "That slug is already used", {
          issues: [{ path: "json.slug", message: "Already used" }],
        });
      const row = {
        id,
        name: body.name,
        slug,
        timezone: body.timezone,
        fiscalYearStartMonth: body.fiscalYearStartMonth,
        currency: body.currency,
      };
      // The platform admin who creates a group becomes its first admin, or nobody could manage it.
      const creatorId = actorId(c);
      const firstAdmin = {
        id: newId("sa_"),
        userId: creatorId,
        groupId: id,
        role: "admin" as const,
        startsOn: todayUtc(),
        endsOn: null,
        createdBy: creatorId,
      };
      const d = db(c.env);
      await runBatch(c.env, [
        d.insert(groups).values(row),
        d.insert(serviceAssignments).values(firstAdmin),
        ...roleAudit(d, "grant", firstAdmin, creatorId),
      ]);
      await ensureChartOfAccounts(c.env, id);
      log("group_created", { groupId: id, requestId: c.get("requestId") });
      return c.json(
        {
          group: row,
          assignment: {
            id: firstAdmin.id,
            userId: creatorId,
            role: firstAdmin.role,
            startsOn: firstAdmin.startsOn,
            endsOn: null,
          },
        },
        201,
      );
    },
  )
  .get(
    "/:groupId",
    allow.roles(["secretary", "host", "treasurer", "admin"], { from: "param", name: "groupId" }),
    describeRoute({ tags: ["groups"], summary: "A group's settings (its service members)", responses: ok(GroupJson) }),
    validate("param", groupParam),
    async (c) => {
      const group = await db(c.env)
        .select()
        .from(groups)
        .where(eq(groups.id, c.req.valid("param").groupId))
        .get();
      if (!group) throw fail(404, "not_found", "Group not found");
      return c.json({ group });
    },
  )
  .get(
    "/:groupId/members",
    allow.roles(managers, { from: "param", name: "groupId" }),
    describeRoute({ tags: ["groups"], summary: "Service assignments, current and past", responses: ok(MembersJson) }),
    validate("param", groupParam),
    async (c) => {
      const { groupId } = c.req.valid("param");
      const rows = await db(c.env)
        .select({
          id: serviceAssignments.id,
          userId: users.id,
          displayName: users.displayName,
          role: serviceAssignments.role,
          startsOn: serviceAssignments.startsOn,
          endsOn: serviceAssignments.endsOn,
        })
        .from(serviceAssignments)
        .innerJoin(users, eq(users.id, serviceAssignments.userId))
        .where(eq(serviceAssignments.groupId, groupId))
        .orderBy(serviceAssignments.role, serviceAssignments.startsOn);
      const today = todayUtc();
      return c.json({
        items: rows.map((r) => ({ ...r, active: r.startsOn <= today && (!r.endsOn || r.endsOn >= today) })),
      });
    },
  )
  .post(
    "/:groupId/members",
    allow.roles(managers, { from: "param", name: "groupId" }),
    describeRoute({
      tags: ["groups"],
      summary: "Invite a service member by email (sends a sign-in link)",
      responses: ok(AssignmentJson, 201),
    }),
    validate("param", groupParam),
    validate("json", inviteBody),
    async (c) => {
      const { groupId } = c.req.valid("param");
      const body = c.req.valid("json");
      const actor = actorId(c);
      const group = await db(c.env).select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).get();
      if (!group) throw fail(404, "not_found", "Group not found");
      // Checked before anything is written: a refused invitation creates no user either.
      const known = await findUserByEmail(c.env, body.email);
      await assertMayChangeRole(c.env, actor, groupId, {
        kind: "grant",
        role: body.role,
        targetUserId: known?.id ?? null,
      });
      // No default name from the address: the name is shown to other members and put in role notices.
      const user = known ?? (await ensureUser(c.env, body.email, body.displayName ?? "New member"));
      const assignment = {
        id: newId("sa_"),
        userId: user.id,
        groupId,
        role: body.role,
        startsOn: body.startsOn ?? todayUtc(),
        endsOn: body.endsOn ?? null,
        createdBy: actor,
      };
      const d = db(c.env);
      await runBatch(c.env, [
        d.insert(serviceAssignments).values(assignment),
        ...roleAudit(d, "grant", assignment, actor),
      ]);
      await notifyMoneyRoleChange(c.env, {
        kind: "grant",
        role: assignment.role,
        groupId,
        memberId: user.id,
        actorId: actor,
        day: assignment.startsOn,
      });
      const deliver = await prepareMagicLink(c.env, body.email);
      c.executionCtx.waitUntil(deliver().catch(() => log("invite_mail_failed", { groupId })));
      log("member_invited", { groupId, assignmentId: assignment.id, role: body.role, requestId: c.get("requestId") });
      return c.json(
        {
          assignment: {
            id: assignment.id,
            userId: user.id,
            role: assignment.role,
            startsOn: assignment.startsOn,
            endsOn: assignment.endsOn,
          },
        },
        201,
      );
    },
  )
  .post(
    "/:groupId/members/:assignmentId/end",
    allow.roles(managers, { from: "param", name: "groupId" }),
    describeRoute({
      tags: ["groups"],
      summary: "End a service assignment (rotation)",
      responses: ok(AssignmentEndedJson),
    }),
    validate("param", assignmentParam),
    validate("json", endBody),
    async (c) => {
      const { groupId, assignmentId } = c.req.valid("param");
      const endsOn = c.req.valid("json").endsOn ?? todayUtc(Date.now() - 86_400_000);
      const actor = actorId(c);
      const d = db(c.env);
      const current = await d
        .select()
        .from(serviceAssignments)
        .where(and(eq(serviceAssignments.id, assignmentId), eq(serviceAssignments.groupId, groupId)))
        .get();
      if (!current) throw fail(404, "not_found", "Assignment not found");
      await assertMayChangeRole(c.env, actor, groupId, {
        kind: "end",
        role: current.role,
        targetUserId: current.userId,
        currentEndsOn: current.endsOn,
        newEndsOn: endsOn,
        assignmentId,
      });
      const ended = { ...current, endsOn };
      await runBatch(c.env, [
        d.update(serviceAssignments).set({ endsOn }).where(eq(serviceAssignments.id, assignmentId)),
        ...roleAudit(d, "end", ended, actor, { endsOn: current.endsOn }),
      ]);
      await notifyMoneyRoleChange(c.env, {
        kind: "end",
        role: current.role,
        groupId,
        memberId: current.userId,
        actorId: actor,
        day: endsOn,
      });
      return c.json({ assignment: { id: current.id, role: current.role, startsOn: current.startsOn, endsOn } });
    },
  );
