import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import { allow } from "../../http/allow";
import type { AppEnv } from "../../env";
import { pingRoom } from "../../rooms/client";
import { ok } from "../../apidocs/responses";
import { z } from "zod";

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

const Check = z.object({ ok: z.boolean(), ms: z.number(), error: z.string().optional() });
const Readiness = z.object({ ok: z.boolean(), checks: z.object({ d1: Check, r2: Check, rooms: Check }) });

/** Liveness (no I/O) and readiness (D1, R2, rooms), for load balancers and `npm start`. */
export const healthRoutes = new Hono<AppEnv>()
  .get(
    "/healthz",
    allow.public(),
    describeRoute({ tags: ["ops"], summary: "Liveness (no I/O)", responses: ok(z.object({ ok: z.literal(true) })) }),
    (c) => c.json({ ok: true }),
  )
  .get(
    "/readyz",
    allow.public(),
    describeRoute({
      tags: ["ops"],
      summary: "Readiness of D1, R2 and the rooms",
      responses: {
        ...ok(Readiness),
        503: {
          description: "A dependency is down: the same body with `ok: false`",
          content: { "application/json": { schema: resolver(Readiness) } },
        },
      },
    }),
    async (c) => {
      const [d1, r2, rooms] = await Promise.all([
        timed(() => c.env.DB.prepare("SELECT 1 AS one").first()),
        timed(() => c.env.RECEIPTS.head("readyz-probe")),
        timed(() => pingRoom(c.env)),
      ]);
      const ok = d1.ok && r2.ok && rooms.ok;
      return c.json({ ok, checks: { d1, r2, rooms } }, ok ? 200 : 503);
    },
  );
