import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readDevOutbox } from "../worker/dev/outbox";
import { createGroup, createMember, type TestMember } from "./fixtures";
import { call, type ErrorJson } from "./helpers";
import { jsonOf, post, setupBooks } from "./treasury-helpers";

/** Issue 12 point 6: who may hand out the keys to the books, and who hears about it. */

let emailCounter = 0;
const freshEmail = (label: string) => `${label}.${Date.now()}.${++emailCounter}@example.test`;

function invite(groupId: string, by: TestMember, json: Record<string, unknown>) {
  return call(`/api/groups/${groupId}/members`, { method: "POST", json, headers: by.auth });
}
function end(groupId: string, assignmentId: string, by: TestMember, json: Record<string, unknown> = {}) {
  return call(`/api/groups/${groupId}/members/${assignmentId}/end`, { method: "POST", json, headers: by.auth });
}
async function assignmentOf(groupId: string, userId: string, role: string): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM service_assignments WHERE group_id = ? AND user_id = ? AND role = ?")
    .bind(groupId, userId, role)
    .first<{ id: string }>();
  return row!.id;
}
async function roleAudit(groupId: string) {
  return (
    await env.DB.prepare(
      "SELECT actor_id, action, entity, entity_id, after_json FROM treasury_audit WHERE group_id = ? AND entity = 'service_assignment' ORDER BY at",
    )
      .bind(groupId)
      .all<{ actor_id: string; action: string; entity_id: string; after_json: string }>()
  ).results;
}
const assignmentCount = async (groupId: string) =>
  (
    await env.DB.prepare("SELECT count(*) AS n FROM service_assignments WHERE group_id = ?")
      .bind(groupId)
      .first<{ n: number }>()
  )?.n;
const userCount = async () => (await env.DB.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>())?.n;

/** A group with two admins, a treasurer, a secretary and a host, each with a known address. */
async function staffedGroup() {
  const group = await createGroup();
  const emails = {
    admin: freshEmail("admin"),
    admin2: freshEmail("admin2"),
    treasurer: freshEmail("treasurer"),
    secretary: freshEmail("secretary"),
    host: freshEmail("host"),
  };
  const [admin, admin2, treasurer, secretary, host] = await Promise.all([
    createMember(group.id, ["admin"], { email: emails.admin }),
    createMember(group.id, ["admin"], { email: emails.admin2 }),
    createMember(group.id, ["treasurer"], { email: emails.treasurer }),
    createMember(group.id, ["secretary"], { email: emails.secretary }),
    createMember(group.id, ["host"], { email: emails.host }),
  ]);
  return { group, emails, admin, admin2, treasurer, secretary, host };
}

describe("granting service roles", () => {
  it("a secretary cannot make themselves or an alias treasurer or admin (403, nothing written)", async () => {
    const g = await staffedGroup();
    const before = { assignments: await assignmentCount(g.group.id), users: await userCount() };
    for (const role of ["treasurer", "admin"]) {
      const self = await invite(g.group.id, g.secretary, { email: g.emails.secretary, role });
      expect(self.status).toBe(403);
      const alias = await invite(g.group.id, g.secretary, { email: freshEmail("alias"), role, displayName: "Alias" });
      expect(alias.status).toBe(403);
      expect((await jsonOf<ErrorJson>(alias)).error.code).toBe("forbidden");
    }
    expect(await assignmentCount(g.group.id)).toBe(before.assignments);
    expect(await userCount()).toBe(before.users);
    // The secretary still rotates hosts and secretaries — just not themselves.
    expect((await invite(g.group.id, g.secretary, { email: freshEmail("newhost"), role: "host" })).status).toBe(201);
    const selfHost = await invite(g.group.id, g.secretary, { email: g.emails.secretary, role: "host" });
    expect(selfHost.status).toBe(403);
    expect((await jsonOf<ErrorJson>(selfHost)).error.code).toBe("self_grant");
  });

  it("an admin grants treasurer: 201, an audit row, and mail to the other admins and treasurers without the address", async () => {
    const g = await staffedGroup();
    const email = freshEmail("new.treasurer");
    const res = await invite(g.group.id, g.admin, { email, role: "treasurer", displayName: "Pat" });
    expect(res.status).toBe(201);
    const { assignment } = await jsonOf<{ assignment: { id: string; userId: string } }>(res);

    const audit = await roleAudit(g.group.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: g.admin.userId, action: "role.grant", entity_id: assignment.id });
    expect(JSON.parse(audit[0].after_json)).toMatchObject({ userId: assignment.userId, role: "treasurer" });
    expect(audit[0].after_json).not.toContain("@");

    const outbox = await readDevOutbox(env, 200);
    const notices = outbox.filter((m) => m.subject === `${g.group.name}: a treasurer was added`);
    expect(notices.map((m) => m.to).sort()).toEqual([g.emails.admin2, g.emails.treasurer].sort());
    for (const m of notices) expect(`${m.subject} ${m.url}`).not.toContain(email);
    // The treasury audit view shows it to the books' readers.
    const view = await jsonOf<{ audit: { action: string }[] }>(
      await call(`/api/groups/${g.group.id}/treasury/audit?entity=service_assignment`, { headers: g.treasurer.auth }),
    );
    expect(view.audit.map((a) => a.action)).toEqual(["role.grant"]);
  });

  it("nobody grants a role to themselves, admins included", async () => {
    const g = await staffedGroup();
    for (const role of ["treasurer", "admin", "host"]) {
      const res = await invite(g.group.id, g.admin, { email: g.emails.admin, role });
      expect(res.status).toBe(403);
      expect((await jsonOf<ErrorJson>(res)).error.code).toBe("self_grant");
    }
    expect(await roleAudit(g.group.id)).toEqual([]);
  });

  it("hosts and treasurers grant nothing", async () => {
    const g = await staffedGroup();
    for (const who of [g.host, g.treasurer])
      expect((await invite(g.group.id, who, { email: freshEmail("x"), role: "host" })).status).toBe(403);
  });

  it("a platform admin who creates a group becomes its first admin (audited)", async () => {
    const platform = await createMember(null, [], { platformAdmin: true });
    const created = await call("/api/groups", {
      method: "POST",
      json: { name: "Dawn Patrol", timezone: "Europe/Dublin" },
      headers: platform.auth,
    });
    expect(created.status).toBe(201);
    const { group } = await jsonOf<{ group: { id: string } }>(created);
    const members = await call(`/api/groups/${group.id}/members`, { headers: platform.auth });
    expect(members.status).toBe(200);
    const { items } = await jsonOf<{ items: { userId: string; role: string; active: boolean }[] }>(members);
    expect(items).toEqual([expect.objectContaining({ userId: platform.userId, role: "admin", active: true })]);
    expect((await roleAudit(group.id)).map((a) => a.action)).toEqual(["role.grant"]);
    // …and can staff it.
    expect((await invite(group.id, platform, { email: freshEmail("first.treasurer"), role: "treasurer" })).status).toBe(
      201,
    );
  });
});

describe("ending service roles", () => {
  it("only an admin ends a money role; a secretary ends hosts; every money end is audited and mailed", async () => {
    const g = await staffedGroup();
    const treasurerSa = await assignmentOf(g.group.id, g.treasurer.userId, "treasurer");
    const adminSa = await assignmentOf(g.group.id, g.admin2.userId, "admin");
    expect((await end(g.group.id, treasurerSa, g.secretary)).status).toBe(403);
    expect((await end(g.group.id, adminSa, g.secretary)).status).toBe(403);
    expect((await end(g.group.id, await assignmentOf(g.group.id, g.host.userId, "host"), g.secretary)).status).toBe(
      200,
    );
    expect(await roleAudit(g.group.id)).toEqual([]);

    const ended = await end(g.group.id, treasurerSa, g.admin, { endsOn: "2026-01-31" });
    expect(ended.status).toBe(200);
    const audit = await roleAudit(g.group.id);
    expect(audit.map((a) => [a.action, a.actor_id, a.entity_id])).toEqual([["role.end", g.admin.userId, treasurerSa]]);
    const notices = (await readDevOutbox(env, 200)).filter(
      (m) => m.subject === `${g.group.name}: a treasurer assignment ended`,
    );
    expect(notices.map((m) => m.to)).toEqual([g.emails.admin2]);
  });

  it("ending never extends an assignment (that would be a grant in disguise)", async () => {
    const g = await staffedGroup();
    const sa = await assignmentOf(g.group.id, g.treasurer.userId, "treasurer");
    expect((await end(g.group.id, sa, g.admin, { endsOn: "2026-01-31" })).status).toBe(200);
    const revive = await end(g.group.id, sa, g.admin, { endsOn: "2099-12-31" });
    expect(revive.status).toBe(409);
    expect((await jsonOf<ErrorJson>(revive)).error.code).toBe("cannot_extend");
  });

  it("an admin may step down while another admin serves, never as the last one", async () => {
    const g = await staffedGroup();
    const mine = await assignmentOf(g.group.id, g.admin.userId, "admin");
    const theirs = await assignmentOf(g.group.id, g.admin2.userId, "admin");
    expect((await end(g.group.id, mine, g.admin)).status).toBe(200);
    const last = await end(g.group.id, theirs, g.admin2);
    expect(last.status).toBe(409);
    expect((await jsonOf<ErrorJson>(last)).error.code).toBe("last_admin");
    const members = await jsonOf<{ items: { id: string; active: boolean }[] }>(
      await call(`/api/groups/${g.group.id}/members`, { headers: g.admin2.auth }),
    );
    expect(members.items.find((i) => i.id === theirs)?.active).toBe(true);
  });
});

describe("separation of duties on expense claims", () => {
  it("the claimant can neither approve nor pay their own claim, whatever roles they hold", async () => {
    const b = await setupBooks();
    const T = `/api/groups/${b.groupId}/treasury`;
    // One person holding every role in the group.
    const everything = await createMember(b.groupId, ["treasurer", "admin", "secretary"]);
    const res = await call(`${T}/expenses`, {
      method: "POST",
      json: {
        payee: "Print shop",
        amountCents: 4_000,
        accountId: b.accounts["5300"],
        description: "Literature",
        noReceiptReason: "Cash purchase",
      },
      headers: everything.auth,
    });
    const { expense } = await jsonOf<{ expense: { id: string } }>(res);
    const ownApproval = await call(`${T}/expenses/${expense.id}/approve`, { method: "POST", headers: everything.auth });
    expect(ownApproval.status).toBe(403);
    expect((await call(`${T}/expenses/${expense.id}/approve`, { method: "POST", headers: b.admin.auth })).status).toBe(
      200,
    );
    const ownPayment = await post(`${T}/expenses/${expense.id}/pay`, everything, { date: "2026-10-09" });
    expect(ownPayment.status).toBe(403);
    expect((await jsonOf<ErrorJson>(ownPayment)).error.code).toBe("separation_of_duties");
    const entries = await env.DB.prepare("SELECT count(*) AS n FROM journal_entries WHERE source = ?")
      .bind(`expense:${expense.id}`)
      .first<{ n: number }>();
    expect(entries?.n).toBe(0);
    expect((await post(`${T}/expenses/${expense.id}/pay`, b.treasurer, { date: "2026-10-09" })).status).toBe(200);
  });
});
