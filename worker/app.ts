import { Hono } from "hono";
import { allow } from "./http/allow";
import { identify } from "./http/identify";
import type { AppEnv } from "./env";
import { requireKnownConfig } from "./http/config";
import { corsAllowList } from "./http/cors";
import { apiNotFound, onError } from "./http/errors";
import { readLimit } from "./http/rate-limit";
import { requestContext } from "./http/request-context";
import { csrfAndJson, securityHeaders } from "./http/security";
import { openApiRoutes } from "./apidocs/routes";
import { authRoutes } from "./auth/routes/auth";
import { meRoutes } from "./auth/routes/me";
import { feedImportRoutes } from "./directory/routes/feed-import";
import { feedRoutes, groupCalendarRoutes, meetingCalendarRoutes } from "./directory/routes/feeds";
import { groupMeetingRoutes } from "./directory/routes/group-meetings";
import { meetingPasscodeRoutes } from "./directory/routes/meeting-passcode";
import { meetingRoutes } from "./directory/routes/meetings";
import { groupRoutes } from "./groups/routes";
import { occurrenceRoutes } from "./occurrences/routes";
import { healthRoutes } from "./ops/routes/health";
import { opsRoutes } from "./ops/routes/jobs";
import { meetingBanRoutes } from "./rooms/routes/bans";
import { moderationRoutes } from "./rooms/routes/moderation";
import { occurrenceRoomRoutes } from "./rooms/routes/occurrences";
import { roomSocketRoutes } from "./rooms/routes/socket";
import { wellKnownRoutes } from "./slips/routes";
import { attachmentRoutes } from "./treasury/routes/attachments";
import { expenseCategoryRoutes } from "./treasury/routes/expense-categories";
import { treasuryRoutes } from "./treasury/routes/index";
import { stripeWebhookRoutes } from "./treasury/routes/stripe-webhook";

/**
 * Every resource's routes, mounted under /api at the prefix its URLs share, so a URL names its
 * folder (README, "What is where"); the room's doors are worker/rooms/routes/{occurrences,socket,
 * moderation}.ts. Chained so `hc<ApiType>` types the web client.
 */
const api = new Hono<AppEnv>()
  .route("/", healthRoutes)
  .route("/auth", authRoutes)
  .route("/me", meRoutes)
  .route("/groups", groupRoutes)
  .route("/meetings/:id/bans", meetingBanRoutes)
  .route("/meetings", meetingRoutes)
  .route("/meetings/:id", meetingCalendarRoutes)
  .route("/meetings/:id", meetingPasscodeRoutes)
  .route("/occurrences", occurrenceRoutes)
  .route("/occurrences", occurrenceRoomRoutes)
  .route("/rooms", roomSocketRoutes)
  .route("/moderation", moderationRoutes)
  .route("/feeds", feedRoutes)
  .route("/ops", opsRoutes)
  .route("/groups/:groupId/treasury", treasuryRoutes)
  .route("/webhooks/stripe", stripeWebhookRoutes)
  .route("/attachments", attachmentRoutes)
  .route("/groups/:groupId", groupMeetingRoutes)
  .route("/groups/:groupId", groupCalendarRoutes)
  .route("/groups/:groupId/expense-categories", expenseCategoryRoutes)
  .route("/groups/:groupId/import", feedImportRoutes);

export type ApiType = typeof api;

/**
 * The Worker's Hono app. `extra` mounts more `/api` routes: only the development entry
 * (worker/dev/index.ts) passes any, so the production bundle never contains them.
 */
export function createApp(extra?: { path: `/${string}`; routes: Hono<AppEnv> }) {
  const app = new Hono<AppEnv>();
  app.use("*", requestContext, securityHeaders, requireKnownConfig);
  app.use("/api/*", corsAllowList, csrfAndJson, identify, readLimit);
  app.route("/api", api);
  if (extra) app.route(`/api${extra.path}`, extra.routes);
  app.route(
    "/api",
    openApiRoutes(() => app),
  );
  // Public reads outside /api (the slip keys) share the API's read limit.
  app.use("/.well-known/*", readLimit);
  app.route("/.well-known", wellKnownRoutes);
  app.all("/api/*", allow.public(), apiNotFound);
  app.notFound(apiNotFound);
  app.onError(onError);
  return app;
}

/** The production app: no development routes. */
export const app = createApp();
