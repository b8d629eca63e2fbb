import { app } from "./app";
import { runScheduled } from "./cron";

export { MeetingRoom } from "./rooms/meeting-room";

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller.cron, env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
