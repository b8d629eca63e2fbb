import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { mailerFor } from "../../auth/mailer";
import { ok } from "../../apidocs/responses";
import type { AppEnv } from "../../env";
import { allow } from "../../http/allow";
import { readSession } from "../../http/d1-bookmark";
import { fail } from "../../http/errors";
import { clientFingerprint, enforceLimit } from "../../http/rate-limit";
import { validate } from "../../http/validate";
import { notFound } from "../../lib/errors";
import { log } from "../../lib/log";
import { sessionDb } from "../d1-session";
import { findMeeting } from "../meeting-store";
import { passcodeAskMail, passcodeAskSchema, secretaryAddresses } from "../passcode-ask";
import { openPasscode } from "../passcode-seal";

const idParam = z.object({ id: z.string().min(1).max(100) });

/**
 * A passcode meeting's way in: the secretaries read the current passcode again (dashboard), and a
 * newcomer of an `ask` meeting relays a message to them by mail (nothing kept, no address shown).
 */
export const meetingPasscodeRoutes = new Hono<AppEnv>()
  .get(
    "/passcode",
    allow.roles(["secretary", "admin"], { from: "meeting", param: "id" }),
    describeRoute({
      tags: ["meetings"],
      summary: "The meeting's current passcode, for its secretaries (null: none, or set before it was kept sealed)",
      responses: ok(
        z.strictObject({
          passcode: z.string().nullable(),
          hasPasscode: z.boolean(),
          passcodeAccess: z.enum(["shown", "after_admit", "ask"]),
        }),
      ),
    }),
    validate("param", idParam),
    async (c) => {
      c.header("Cache-Control", "no-store");
      const found = await findMeeting(sessionDb(readSession(c)), c.req.valid("param").id);
      if (!found) throw notFound("Meeting");
      const m = found.meeting;
      log("meeting_passcode_read", { meetingId: m.id });
      return c.json({
        passcode: m.passcodeHash ? await openPasscode(c.env, m.passcodeEnc) : null,
        hasPasscode: m.passcodeHash !== null,
        passcodeAccess: m.passcodeAccess,
      });
    },
  )
  .post(
    "/passcode-request",
    allow.public(),
    describeRoute({
      tags: ["meetings"],
      summary:
        "Ask the group's secretaries for the passcode (meetings whose way in is `ask`): mailed to them, never stored; 5 a minute per network and per meeting",
      responses: ok(z.strictObject({ sent: z.literal(true) }), 202),
    }),
    validate("param", idParam),
    validate("json", passcodeAskSchema),
    async (c) => {
      const found = await findMeeting(sessionDb(readSession(c)), c.req.valid("param").id);
      if (!found || found.meeting.status === "archived") throw notFound("Meeting");
      const m = found.meeting;
      if (!m.passcodeHash || m.passcodeAccess !== "ask")
        throw fail(409, "not_asked", "This meeting does not take passcode requests");
      // Per connecting network, then per meeting: one address cannot flood, nor many flood one group.
      await enforceLimit(c.env, "SIGNIN_LIMITER", `passcode-ask:f:${await clientFingerprint(c)}`);
      await enforceLimit(c.env, "SIGNIN_LIMITER", `passcode-ask:m:${m.id}`);
      const recipients = await secretaryAddresses(c.env, m.groupId);
      if (recipients.length === 0) throw fail(409, "no_secretary", "This group has no secretary to ask right now");
      const ask = c.req.valid("json");
      const mailer = mailerFor(c.env);
      const url = `${c.env.APP_ORIGIN}/service/meetings/${m.id}`;
      const sent = await Promise.allSettled(
        recipients.map((to) =>
          mailer.send(passcodeAskMail(to, ask, { name: m.name, groupName: found.group.name }, url)),
        ),
      );
      const delivered = sent.filter((s) => s.status === "fulfilled").length;
      log("passcode_request", { meetingId: m.id, recipients: recipients.length, delivered });
      if (delivered === 0) throw fail(502, "mail_failed", "The message could not be sent; try again later");
      return c.json({ sent: true as const }, 202);
    },
  );
