import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import type { AppEnv } from "../../env";
import { validate } from "../../http/validate";
import { groupIdOf } from "../../http/treasury";
import { ensureChartOfAccounts } from "../store";
import { SERVICE_MEMBERS } from "./rules";
import { ok } from "../../apidocs/responses";
import { ExpenseCategoriesJson } from "../answers";

const groupParam = z.object({ groupId: z.string().min(1).max(64) });

/**
 * The expense categories a service member may claim against. Any service member can claim an
 * expense, but the chart of accounts and its balances stay with treasurers and admins: this
 * answers only the active expense accounts' ids, codes and names.
 */
export const expenseCategoryRoutes = new Hono<AppEnv>().get(
  "/",
  allow.roles(SERVICE_MEMBERS, { from: "param", name: "groupId" }),
  describeRoute({
    tags: ["treasury"],
    summary: "Expense categories for claims (any service member of the group)",
    responses: ok(ExpenseCategoriesJson),
  }),
  validate("param", groupParam),
  async (c) => {
    const accounts = await ensureChartOfAccounts(c.env, groupIdOf(c));
    const categories = accounts
      .filter((a) => a.type === "expense" && a.active)
      .map((a) => ({ id: a.id, code: a.code, name: a.name }));
    return c.json({ categories: categories.sort((a, b) => a.code.localeCompare(b.code)) });
  },
);
