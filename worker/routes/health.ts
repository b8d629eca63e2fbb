import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { allow } from "../auth/authz";
import type { AppEnv } from "../env";
import { pingRoom } from "../rooms/client";

type Check = { ok: boolean; ms: number; error?: string };

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  try {
    await fn();
    return { ok: true, ms: Date.now() - started };
  } catch (err) {
    return { ok: false, ms: Date.now() - started, error: err instanceof Error ? err.name : "error" };
  }
}

/** Liveness (no I/O) and readiness (D1, R2, rooms), for load balancers and `npm start`. */
export const healthRoutes = new Hono<AppEnv>()
  .get("/healthz", allow.public(), describeRoute({ tags: ["ops"], summary: "Liveness (no I/O)" }), (c) =>
    c.json({ ok: true }),
  )
  .get("/readyz", allow.public(), describeRoute({ tags: ["ops"], summary: "Readiness of D1, R2 and the rooms" }), async (c) => {
    const [d1, r2, rooms] = await Promise.all([
      timed(() => c.env.DB.prepare("SELECT 1 AS one").first()),
      timed(() => c.env.RECEIPTS.head("readyz-probe")),
      timed(() => pingRoom(c.env)),
    ]);
    const ok = d1.ok && r2.ok && rooms.ok;
    return c.json({ ok, checks: { d1, r2, rooms } }, ok ? 200 : 503);
  });
