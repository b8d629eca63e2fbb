import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import { z } from "zod";
import { allow } from "../http/allow";
import type { AppEnv } from "../env";
import { slipKeys } from "./keys";

export const jwksSchema = z.object({
  keys: z.array(
    z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() }),
  ),
});

/**
 * Public keys for attendance slips: the current key and the previous ones, so a clerk (or the
 * verify page, offline from its cached copy) can check a slip issued before a rotation.
 */
export const wellKnownRoutes = new Hono<AppEnv>().get(
  "/jwks.json",
  allow.public(),
  describeRoute({
    tags: ["slips"],
    summary: "Attendance slip public keys (JWKS: current and previous Ed25519 keys)",
    responses: { 200: { description: "JWKS", content: { "application/json": { schema: resolver(jwksSchema) } } } },
  }),
  (c) => {
    const { jwks } = slipKeys(c.env.SLIP_SIGNING_KEY);
    c.header("Cache-Control", "public, max-age=300");
    c.header("Access-Control-Allow-Origin", "*");
    return c.json(jwksSchema.parse(jwks));
  },
);
