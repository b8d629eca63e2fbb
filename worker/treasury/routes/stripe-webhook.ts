import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import Stripe from "stripe";
import { z } from "zod";
import { allow } from "../../http/allow";
import type { AppEnv } from "../../env";
import { fail } from "../../http/errors";
import { validate } from "../../http/validate";
import { stripeEventSchema } from "../stripe-events";
import { applyStripeEvent, loadConnection, openWebhookSecret } from "../stripe-store";

/** Stripe signs with a timestamp; deliveries older than this are refused (replayed captures). */
export const STRIPE_TOLERANCE_SECONDS = 300;
/** Stripe's event payloads are a few KB; anything far larger is not one. */
const MAX_BODY_BYTES = 256 * 1024;

const param = z.object({ groupId: z.string().min(1).max(64) });
export const stripeWebhookResponse = z.object({
  received: z.literal(true),
  outcome: z.enum(["posted", "duplicate", "ignored", "refused"]),
  entryId: z.string().nullable().optional(),
  reason: z.string().optional(),
});

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/**
 * The webhook a group's Stripe account calls. Public (Stripe has no session), so the signature
 * is the authentication: verified with the group's own secret over the raw body, within 5 min.
 */
export const stripeWebhookRoutes = new Hono<AppEnv>().post(
  "/:groupId",
  allow.public(),
  describeRoute({
    tags: ["treasury"],
    summary: "Stripe webhook: online Seventh Tradition into the group's books (Stripe-Signature required)",
    responses: {
      200: {
        description: "Event handled (posted, duplicate, ignored or refused)",
        content: { "application/json": { schema: resolver(stripeWebhookResponse) } },
      },
    },
  }),
  validate("param", param),
  async (c) => {
    const { groupId } = c.req.valid("param");
    const signature = c.req.header("Stripe-Signature");
    if (!signature) throw fail(400, "invalid_signature", "Missing Stripe-Signature header");
    const raw = await c.req.text();
    if (raw.length > MAX_BODY_BYTES) throw fail(413, "payload_too_large", "Webhook body too large");
    const connection = await loadConnection(c.env, groupId);
    if (!connection) throw fail(404, "not_found", "This group has no Stripe connection");
    let verified: unknown;
    try {
      verified = await Stripe.webhooks.constructEventAsync(
        raw,
        signature,
        await openWebhookSecret(c.env, connection.webhookSecretEnc),
        STRIPE_TOLERANCE_SECONDS,
        cryptoProvider,
      );
    } catch {
      throw fail(400, "invalid_signature", "The Stripe signature does not match or is too old");
    }
    const envelope = stripeEventSchema.safeParse(verified);
    if (!envelope.success) throw fail(400, "invalid_event", "Not a Stripe event");
    let result: Awaited<ReturnType<typeof applyStripeEvent>>;
    try {
      result = await applyStripeEvent(c.env, groupId, envelope.data, connection);
    } catch (err) {
      if (err instanceof z.ZodError)
        throw fail(400, "invalid_event", `The ${envelope.data.type} object does not have Stripe's shape`);
      throw err;
    }
    return c.json(stripeWebhookResponse.parse({ received: true, ...result }), 200);
  },
);
