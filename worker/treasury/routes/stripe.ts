import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import { z } from "zod";
import { allow } from "../../http/allow";
import { db } from "../../db/client";
import { stripeConnections } from "../../db/schema-stripe";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { validate } from "../../http/validate";
import { actorId, groupIdOf } from "../../http/treasury";
import { auditStatement, runBatch } from "../store";
import { DEFAULT_STRIPE_PRICING } from "../stripe-events";
import { connectionView, loadConnection, recentStripeEvents, sealWebhookSecret, stripeAccounts } from "../stripe-store";
import { GROUP, TREASURER, TREASURY_READERS } from "./rules";

const tags = ["treasury"];

/** A Stripe Payment Link (buy.stripe.com / donate.stripe.com), never another site. */
export const paymentLinkSchema = z
  .string()
  .trim()
  .max(300)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === "https:" && /(^|\.)stripe\.com$/.test(u.hostname) && !u.username && !u.password;
      } catch {
        return false;
      }
    },
    { error: "Must be a Stripe Payment Link (https://buy.stripe.com/…)" },
  );

export const stripeConnectionBody = z.object({
  paymentLink: paymentLinkSchema,
  /** Required on first connection; omit to keep the stored secret. */
  webhookSecret: z
    .string()
    .trim()
    .regex(/^whsec_[A-Za-z0-9+/=_-]{8,200}$/, { error: "Must be the webhook signing secret (whsec_…)" })
    .optional(),
  feePercentBps: z.number().int().min(0).max(1000).default(DEFAULT_STRIPE_PRICING.feePercentBps),
  feeFixedCents: z.number().int().min(0).max(1000).default(DEFAULT_STRIPE_PRICING.feeFixedCents),
});

const connectionSchema = z.object({
  paymentLink: z.string(),
  feePercentBps: z.number(),
  feeFixedCents: z.number(),
  hasSecret: z.boolean(),
  updatedAt: z.string(),
});
export const stripeStatusSchema = z.object({
  connection: connectionSchema.nullable(),
  webhookPath: z.string(),
  events: z.array(
    z.object({
      eventId: z.string(),
      type: z.string(),
      outcome: z.enum(["posted", "refused"]),
      reason: z.string().nullable(),
      amountCents: z.number(),
      feeCents: z.number(),
      currency: z.string(),
      entryId: z.string().nullable(),
      createdAt: z.number(),
    }),
  ),
});
const json = (schema: z.ZodType) => ({ content: { "application/json": { schema: resolver(schema) } } });

/** The group's Stripe connection (Payment Link, webhook secret, pricing) and its event log. */
export const treasuryStripeRoutes = new Hono<AppEnv>()
  .get(
    "/stripe",
    allow.roles(TREASURY_READERS, GROUP),
    describeRoute({
      tags,
      summary: "Stripe connection and recent webhook events (refused ones need the treasurer)",
      responses: { 200: { description: "Connection and events", ...json(stripeStatusSchema) } },
    }),
    async (c) => {
      const groupId = groupIdOf(c);
      const [connection, events] = await Promise.all([
        loadConnection(c.env, groupId),
        recentStripeEvents(c.env, groupId),
      ]);
      return c.json({
        connection: connection ? connectionView(connection) : null,
        webhookPath: `/api/webhooks/stripe/${groupId}`,
        events,
      });
    },
  )
  .put(
    "/stripe",
    allow.roles(TREASURER, GROUP),
    describeRoute({
      tags,
      summary: "Connect Stripe: Payment Link, webhook signing secret (stored encrypted) and pricing",
      responses: {
        200: { description: "The connection (never the secret)", ...json(z.object({ connection: connectionSchema })) },
      },
    }),
    validate("json", stripeConnectionBody),
    async (c) => {
      const groupId = groupIdOf(c);
      const body = c.req.valid("json");
      const current = await loadConnection(c.env, groupId);
      if (!current && !body.webhookSecret)
        throw fail(400, "invalid_request", "The webhook signing secret is required to connect Stripe", {
          issues: [{ path: "json.webhookSecret", message: "Required" }],
        });
      await stripeAccounts(c.env, groupId);
      const now = Date.now();
      const actor = actorId(c);
      const row = {
        groupId,
        paymentLink: body.paymentLink,
        webhookSecretEnc: body.webhookSecret
          ? await sealWebhookSecret(c.env, body.webhookSecret)
          : (current?.webhookSecretEnc ?? ""),
        feePercentBps: body.feePercentBps,
        feeFixedCents: body.feeFixedCents,
        updatedBy: actor,
        updatedAt: now,
      };
      const d = db(c.env);
      const audited = {
        paymentLink: row.paymentLink,
        feePercentBps: row.feePercentBps,
        feeFixedCents: row.feeFixedCents,
        secretChanged: Boolean(body.webhookSecret),
      };
      await runBatch(c.env, [
        d
          .insert(stripeConnections)
          .values(row)
          .onConflictDoUpdate({ target: stripeConnections.groupId, set: { ...row, groupId: undefined } }),
        auditStatement(d, {
          groupId,
          actorId: actor,
          action: "stripe.connect",
          entity: "stripe_connection",
          entityId: groupId,
          after: audited,
          at: now,
        }),
      ]);
      return c.json({ connection: connectionView(row) });
    },
  );
