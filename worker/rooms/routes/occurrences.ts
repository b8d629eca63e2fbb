import { Hono } from "hono";
import type { Context } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { OkJson } from "../../apidocs/answers";
import { ok } from "../../apidocs/responses";
import type { AppEnv } from "../../env";
import { allow } from "../../http/allow";
import { fail } from "../../http/errors";
import { enforceLimit, rateLimit } from "../../http/rate-limit";
import { validate } from "../../http/validate";
import { createJoinChallenge } from "../challenge";
import { roomRpc } from "../client";
import { locationHintForTimezone } from "../location";
import type { CommandResult } from "../meeting-room";
import { LIMITS, RoomAdmission } from "#shared/room-protocol";
import { refusalStatus } from "#shared/room-refusals";
import { admissionTokens, JoinBody, joinRequestFor, occurrenceParam, refuse, roomPlace } from "./admission";

const ChatBody = z.object({ text: z.string().trim().min(1).max(LIMITS.chatChars) });

export function commandResponse(c: Context<AppEnv>, result: CommandResult) {
  if (!result.ok) throw fail(refusalStatus(result.code), result.code, result.message);
  return c.json({ ok: true }, 200);
}

/** The room's doors under its occurrence (mounted at /occurrences, beside start/end/cancel/move). */
export const occurrenceRoomRoutes = new Hono<AppEnv>()
  .post(
    "/:id/join",
    allow.public(),
    rateLimit("JOIN_LIMITER"),
    describeRoute({
      tags: ["rooms"],
      summary: "Join a meeting occurrence's room (passcode, waiting room, bans, lock, capacity)",
      description:
        "Two round trips (this, then the socket with the ticket). A client may instead open /api/rooms/:id with the subprotocol `join.<base64url JSON of this body>`: one round trip, answered over the socket.",
      responses: ok(RoomAdmission),
    }),
    validate("param", occurrenceParam),
    validate("json", JoinBody),
    async (c) => {
      const { id } = c.req.valid("param");
      const { place, request } = await joinRequestFor(c, id, c.req.valid("json"));
      const result = await roomRpc(c.env, id, locationHintForTimezone(place.timezone)).join(request);
      if (!result.ok) refuse(result);
      return c.json(await admissionTokens(c.env, id, result), 200);
    },
  )
  .get(
    "/:id/challenge",
    allow.public(),
    rateLimit("JOIN_LIMITER"),
    describeRoute({
      tags: ["rooms"],
      summary: "A proof-of-work challenge (ALTCHA) for a room that asks for one before passcode joins",
      responses: ok(z.looseObject({}).describe("An ALTCHA challenge (altcha-lib), solved by the altcha widget")),
    }),
    validate("param", occurrenceParam),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await roomPlace(c.env, id))) throw fail(404, "not_found", "Occurrence not found");
      c.header("Cache-Control", "no-store");
      return c.json(await createJoinChallenge(c.env.JWT_SECRET, id), 200);
    },
  )
  .post(
    "/:id/rejoin",
    allow.participant("id"),
    rateLimit("JOIN_LIMITER"),
    describeRoute({
      tags: ["rooms"],
      summary: "Fresh ticket for the same participant (reconnect without a duplicate roster entry)",
      responses: ok(RoomAdmission),
    }),
    validate("param", occurrenceParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const principal = c.get("principal");
      if (principal.kind !== "participant") throw fail(401, "unauthenticated", "A room session is required");
      const result = await roomRpc(c.env, id).resume(principal.participantId);
      if (!result.ok) refuse(result);
      return c.json(await admissionTokens(c.env, id, result), 200);
    },
  )
  .post(
    "/:id/chat",
    allow.participant("id"),
    describeRoute({
      tags: ["rooms"],
      summary: "Post chat without a socket (room session token)",
      responses: ok(OkJson),
    }),
    validate("param", occurrenceParam),
    validate("json", ChatBody),
    async (c) => {
      const { id } = c.req.valid("param");
      const principal = c.get("principal");
      if (principal.kind !== "participant") throw fail(401, "unauthenticated", "A room session is required");
      await enforceLimit(c.env, "CHAT_LIMITER", `CHAT_LIMITER:p:${principal.participantId}`);
      const stub = roomRpc(c.env, id);
      return commandResponse(
        c,
        await stub.command(principal.participantId, { type: "chat.send", text: c.req.valid("json").text }),
      );
    },
  );
