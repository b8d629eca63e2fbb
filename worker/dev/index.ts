import { createApp } from "../app";
import { runScheduled } from "../cron";
import { addMailer } from "../auth/mailer";
import { DevOutboxMailer } from "./outbox";
import { devRoutes } from "./routes";

export { MeetingRoom } from "../rooms/meeting-room";

/**
 * The development entry: the production Worker plus the dev outbox mailer and `/api/dev/*`
 * (outbox, seed). `npm start`, the tests and the browser journeys run this file; `wrangler
 * deploy` bundles `worker/index.ts`, which never imports it.
 */
addMailer("dev-outbox", (env) => new DevOutboxMailer(env));
const app = createApp({ path: "/dev", routes: devRoutes });

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller.cron, env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
