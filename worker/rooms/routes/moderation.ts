import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { OkJson } from "../../apidocs/answers";
import { ok } from "../../apidocs/responses";
import type { AppEnv } from "../../env";
import { allow } from "../../http/allow";
import { fail } from "../../http/errors";
import { rateLimit } from "../../http/rate-limit";
import { validate } from "../../http/validate";
import { roomRpc } from "../client";
import { MIRRORED_ACTIONS } from "#shared/room-actions";
import { ClientMessage } from "#shared/room-protocol";
import { commandResponse } from "./occurrences";

const ModerationBody = z.object({ action: z.enum(MIRRORED_ACTIONS), participantId: z.string().min(1).max(64) });

/** Moderation without a socket (mounted at /moderation). */
export const moderationRoutes = new Hono<AppEnv>().post(
  "/:occurrenceId",
  // One rule: the caller's room session token must be a host's for this occurrence (the room
  // re-checks the role in its own storage, so a demoted host's token no longer works).
  allow.participant("occurrenceId", true),
  rateLimit("WRITE_LIMITER"),
  describeRoute({
    tags: ["rooms"],
    summary: "Moderate without a socket (host room session token)",
    responses: ok(OkJson),
  }),
  validate("param", z.object({ occurrenceId: z.string().min(1).max(64) })),
  validate("json", ModerationBody),
  async (c) => {
    const { occurrenceId } = c.req.valid("param");
    const principal = c.get("principal");
    if (principal.kind !== "participant") throw fail(401, "unauthenticated", "A room session is required");
    const { action, participantId } = c.req.valid("json");
    const message = ClientMessage.parse({ type: `host.${action}`, participantId });
    const stub = roomRpc(c.env, occurrenceId);
    return commandResponse(c, await stub.command(principal.participantId, message));
  },
);
