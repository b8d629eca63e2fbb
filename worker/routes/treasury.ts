import { Hono } from "hono";
import type { AppEnv } from "../env";
import { treasuryAccountRoutes } from "./treasury-accounts";
import { treasuryAuditRoutes } from "./treasury-audit";
import { treasuryBudgetRoutes } from "./treasury-budget";
import { treasuryContributionRoutes } from "./treasury-contributions";
import { treasuryExpenseRoutes } from "./treasury-expenses";
import { treasuryJournalRoutes } from "./treasury-journal";
import { treasuryPlanRoutes } from "./treasury-plan";
import { treasuryReconciliationRoutes } from "./treasury-reconciliation";
import { treasuryReportRoutes } from "./treasury-reports";
import { treasuryStripeRoutes } from "./treasury-stripe";

/** Every treasury resource, mounted at `/api/groups/:groupId/treasury`. */
export const treasuryRoutes = new Hono<AppEnv>()
  .route("/", treasuryAccountRoutes)
  .route("/", treasuryJournalRoutes)
  .route("/", treasuryContributionRoutes)
  .route("/", treasuryExpenseRoutes)
  .route("/", treasuryBudgetRoutes)
  .route("/", treasuryReportRoutes)
  .route("/", treasuryPlanRoutes)
  .route("/", treasuryReconciliationRoutes)
  .route("/", treasuryAuditRoutes)
  .route("/", treasuryStripeRoutes);
