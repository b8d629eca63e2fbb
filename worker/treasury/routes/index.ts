import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { treasuryAccountRoutes } from "./accounts";
import { treasuryAuditRoutes } from "./audit";
import { treasuryBudgetRoutes } from "./budget";
import { treasuryContributionRoutes } from "./contributions";
import { treasuryExpenseRoutes } from "./expenses";
import { treasuryJournalRoutes } from "./journal";
import { treasuryPlanRoutes } from "./plan";
import { treasuryReconciliationRoutes } from "./reconciliation";
import { treasuryReportRoutes } from "./reports";
import { treasuryStripeRoutes } from "./stripe";

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
