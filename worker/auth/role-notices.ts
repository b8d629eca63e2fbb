/**
 * Mail to a group's admins and treasurers when a money role (treasurer, admin) is granted or
 * ended, so one officer cannot quietly hand themselves or an alias the keys to the books. The
 * member is described by display name and dates only: no address is ever put in a mail, a
 * subject or a log line (the dev outbox logs subjects, so they carry no name either).
 */
import { eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { groups, type Role, users } from "../db/schema";
import { log } from "../lib/log";
import { MONEY_ROLES, servingMembers } from "./authz";
import { decryptText } from "./crypto";
import { type Mail, mailerFor } from "./mailer";

export type RoleNotice = {
  kind: "grant" | "end";
  role: Role;
  groupName: string;
  /** The member's display name (never their address). */
  memberName: string;
  actorName: string;
  /** First day (grant) or last day (end) of the service, YYYY-MM-DD. */
  day: string;
};

/** The subject and text of a role notice, addressed to `to`; `url` opens the dashboard. */
export function roleNoticeMail(to: string, url: string, n: RoleNotice): Mail {
  const subject =
    n.kind === "grant" ? `${n.groupName}: a ${n.role} was added` : `${n.groupName}: a ${n.role} assignment ended`;
  const what =
    n.kind === "grant"
      ? `${n.memberName} is now ${n.role} of ${n.groupName}, from ${n.day}.`
      : `${n.memberName} is no longer ${n.role} of ${n.groupName} after ${n.day}.`;
  const text = [
    what,
    `${n.actorName} made this change.`,
    "",
    "You get this message because you serve the group as an admin or treasurer. If the change was not agreed by the group, tell your group conscience and review the service page:",
    url,
  ].join("\n");
  return { to, subject, url, text };
}

/** The user ids serving `groupId` today as admin or treasurer, without `except`. */
async function moneyOfficers(env: Env, groupId: string, except: readonly string[]): Promise<string[]> {
  const rows = await servingMembers(env, groupId, MONEY_ROLES);
  return [...new Set(rows.map((r) => r.userId))].filter((id) => !except.includes(id));
}

/**
 * Mails the group's other admins and treasurers (not the member, not the actor) that a money role
 * was granted or ended. Each delivery failure is logged by ids and does not fail the change.
 */
export async function notifyMoneyRoleChange(
  env: Env,
  c: { kind: "grant" | "end"; role: Role; groupId: string; memberId: string; actorId: string; day: string },
): Promise<void> {
  if (!MONEY_ROLES.includes(c.role)) return;
  const recipients = await moneyOfficers(env, c.groupId, [c.memberId, c.actorId]);
  if (recipients.length === 0) return;
  const d = db(env);
  const [group, people] = await Promise.all([
    d.select({ name: groups.name }).from(groups).where(eq(groups.id, c.groupId)).get(),
    d
      .select({ id: users.id, displayName: users.displayName, emailEnc: users.emailEnc })
      .from(users)
      .where(inArray(users.id, [...new Set([c.memberId, c.actorId, ...recipients])])),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const notice: RoleNotice = {
    kind: c.kind,
    role: c.role,
    groupName: group?.name ?? "your group",
    memberName: byId.get(c.memberId)?.displayName ?? "A member",
    actorName: byId.get(c.actorId)?.displayName ?? "A member",
    day: c.day,
  };
  const mailer = mailerFor(env);
  const url = `${env.APP_ORIGIN}/service`;
  await Promise.all(
    recipients.map(async (id) => {
      const enc = byId.get(id)?.emailEnc;
      if (!enc) return; // erased: no address any more
      try {
        await mailer.send(roleNoticeMail(await decryptText(env.EMAIL_ENC_KEY, enc), url, notice));
      } catch {
        log("role_notice_failed", { groupId: c.groupId, recipientId: id });
      }
    }),
  );
}
