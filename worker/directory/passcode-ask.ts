/**
 * "Ask the group" for a passcode meeting: a newcomer's short message, relayed by mail to the
 * group's current secretaries and nothing else. Nothing of it is stored (no table row); the
 * person's reply address, only when they give one, travels as the mail's Reply-To; secretaries'
 * addresses are never shown to the person (the answer says only that it was sent).
 */
import { and, eq, gte, isNull, lte, or } from "drizzle-orm";
import { z } from "zod";
import { todayUtc } from "../auth/authz";
import { decryptText } from "../auth/crypto";
import type { Mail } from "../auth/mailer";
import { db } from "../db/client";
import { serviceAssignments, users } from "../db/schema";

/** Letters, marks, digits, punctuation, spaces and line breaks: no other control characters. */
const hasNoControls = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replaceAll("\n", ""));

/** `POST /api/meetings/:id/passcode-request` body. No recipient field: recipients are the group's secretaries. */
export const passcodeAskSchema = z.strictObject({
  message: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "Write a short message").max(1000).refine(hasNoControls, "No control characters")),
  /** Only if the person chooses: where a secretary may answer. One address, no line breaks. */
  replyTo: z.email().max(254).optional(),
});
export type PasscodeAsk = z.infer<typeof passcodeAskSchema>;

/**
 * The mail to one secretary. The subject carries only the meeting's name (subjects reach logs and
 * the dev outbox); the person's words and reply address stay in the body and the Reply-To.
 */
export function passcodeAskMail(
  to: string,
  ask: PasscodeAsk,
  meeting: { name: string; groupName: string },
  url: string,
): Mail {
  const reply = ask.replyTo
    ? "They gave an address for your answer: reply to this mail to reach them."
    : "They did not give an address, so this mail cannot be answered. If they found the meeting through its page, the passcode can be shown there or after a host admits them.";
  const text = [
    `Someone asks for the passcode of ${meeting.name} (${meeting.groupName}). Their message:`,
    "",
    ask.message,
    "",
    reply,
    "",
    "Meetinghouse keeps no copy of this message. You get it because you serve the group as secretary. The meeting's passcode and how newcomers get it are on the dashboard:",
    url,
  ].join("\n");
  return {
    to,
    subject: `${meeting.name}: a newcomer asks for the passcode`,
    url,
    text,
    ...(ask.replyTo ? { replyTo: ask.replyTo } : {}),
  };
}

/** The addresses of the group's secretaries serving today (erased members have none). */
export async function secretaryAddresses(env: Env, groupId: string): Promise<string[]> {
  const today = todayUtc();
  const rows = await db(env)
    .selectDistinct({ emailEnc: users.emailEnc })
    .from(serviceAssignments)
    .innerJoin(users, eq(users.id, serviceAssignments.userId))
    .where(
      and(
        eq(serviceAssignments.groupId, groupId),
        eq(serviceAssignments.role, "secretary"),
        lte(serviceAssignments.startsOn, today),
        or(isNull(serviceAssignments.endsOn), gte(serviceAssignments.endsOn, today)),
      ),
    );
  const sealed = rows.map((r) => r.emailEnc).filter((e): e is string => e !== null);
  return Promise.all(sealed.map((e) => decryptText(env.EMAIL_ENC_KEY, e)));
}
