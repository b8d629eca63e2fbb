import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { treasuryPlans } from "../../db/schema-treasury";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { validate } from "../../http/validate";
import { planSchema, proposeDistribution } from "../distribution";
import { actorId, groupIdOf } from "../../http/treasury";
import { loadPlan, planRow, reserveFigures } from "../plan-store";
import { fundsCents } from "../queries";
import { auditStatement, runBatch } from "../store";
import { GROUP, TREASURY_READERS } from "./rules";
import { errors, ok } from "../../apidocs/responses";
import { DistributionProposalJson, PlanJson, PlanOrNoneJson } from "../answers";

const tags = ["treasury"];
const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The group conscience plan (prudent reserve + distribution split) and the proposal it yields. */
export const treasuryPlanRoutes = new Hono<AppEnv>()
  .get(
    "/plan",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "The group conscience plan", responses: ok(PlanOrNoneJson) }),
    async (c) => {
      return c.json({ plan: await loadPlan(c.env, groupIdOf(c)) });
    },
  )
  .put(
    "/plan",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({ tags, summary: "Record the plan the group conscience adopted", responses: ok(PlanJson) }),
    validate("json", planSchema),
    async (c) => {
      const groupId = groupIdOf(c);
      const plan = c.req.valid("json");
      const before = await loadPlan(c.env, groupId);
      const row = planRow(groupId, plan, actorId(c));
      const d = db(c.env);
      const { groupId: _, ...update } = row;
      await runBatch(c.env, [
        d.insert(treasuryPlans).values(row).onConflictDoUpdate({ target: treasuryPlans.groupId, set: update }),
        auditStatement(d, {
          groupId,
          actorId: actorId(c),
          action: "plan.set",
          entity: "treasury_plan",
          entityId: groupId,
          before,
          after: plan,
        }),
      ]);
      return c.json({ plan });
    },
  )
  .get(
    "/distribution-proposal",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({
      tags,
      summary: "Proposed payouts from the balance above the prudent reserve",
      responses: { ...errors({ status: 409, description: "No plan recorded yet" }), ...ok(DistributionProposalJson) },
    }),
    async (c) => {
      const groupId = groupIdOf(c);
      const plan = await loadPlan(c.env, groupId);
      if (!plan) throw fail(409, "no_plan", "Record the group conscience plan first (PUT …/plan)");
      const figures = await reserveFigures(c.env, groupId, thisMonth(), plan);
      const available = await fundsCents(c.env, groupId);
      const proposal = proposeDistribution(plan, available, figures.averageMonthlyExpensesCents);
      return c.json({
        plan,
        averageMonthlyExpensesCents: figures.averageMonthlyExpensesCents,
        monthsAveraged: figures.monthsAveraged,
        ...proposal,
        warning: proposal.belowReserve ? "Funds are below the prudent reserve" : null,
      });
    },
  );
