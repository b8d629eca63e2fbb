import { describe, expect, it } from "vitest";
import type { Role } from "../db/schema";
import { claimantRefusal, type RoleChange, roleChangeRefusal } from "./authz";
import { roleNoticeMail } from "./role-notices";

const actor = (...roles: Role[]) => ({ userId: "me", roles });
const grant = (role: Role, targetUserId: string | null = "other"): RoleChange => ({
  kind: "grant",
  role,
  targetUserId,
});
const end = (role: Role, over: Partial<Extract<RoleChange, { kind: "end" }>> = {}): RoleChange => ({
  kind: "end",
  role,
  targetUserId: "other",
  currentEndsOn: null,
  newEndsOn: "2026-11-29",
  otherAdminsServing: 1,
  ...over,
});

describe("roleChangeRefusal", () => {
  it("lets only an admin grant or end a money role", () => {
    for (const role of ["treasurer", "admin"] as const) {
      expect(roleChangeRefusal(actor("admin"), grant(role))).toBeNull();
      expect(roleChangeRefusal(actor("admin"), end(role))).toBeNull();
      for (const who of ["secretary", "host", "treasurer"] as const) {
        expect(roleChangeRefusal(actor(who), grant(role))).toMatchObject({ kind: "forbidden", code: "forbidden" });
        expect(roleChangeRefusal(actor(who), end(role))).toMatchObject({ kind: "forbidden", code: "forbidden" });
      }
    }
  });
  it("lets an admin or a secretary rotate hosts and secretaries", () => {
    for (const role of ["secretary", "host"] as const) {
      for (const who of ["admin", "secretary"] as const) expect(roleChangeRefusal(actor(who), grant(role))).toBeNull();
      for (const who of ["host", "treasurer"] as const)
        expect(roleChangeRefusal(actor(who), grant(role))?.kind).toBe("forbidden");
    }
  });
  it("refuses every grant to oneself, whatever the actor holds", () => {
    for (const role of ["secretary", "host", "treasurer", "admin"] as const) {
      expect(roleChangeRefusal(actor("admin", "secretary"), grant(role, "me"))).toMatchObject({
        kind: "forbidden",
        code: "self_grant",
      });
    }
    expect(roleChangeRefusal(actor("admin"), grant("treasurer", null))).toBeNull();
  });
  it("never lets an end extend an assignment", () => {
    expect(
      roleChangeRefusal(actor("admin"), end("treasurer", { currentEndsOn: "2026-01-31", newEndsOn: "2099-12-31" })),
    ).toMatchObject({ kind: "conflict", code: "cannot_extend" });
    expect(
      roleChangeRefusal(actor("admin"), end("treasurer", { currentEndsOn: "2026-01-31", newEndsOn: "2026-01-15" })),
    ).toBeNull();
  });
  it("keeps an admin: the last one cannot be ended, not even by themselves", () => {
    expect(
      roleChangeRefusal(actor("admin"), end("admin", { targetUserId: "me", otherAdminsServing: 0 })),
    ).toMatchObject({ kind: "conflict", code: "last_admin" });
    expect(roleChangeRefusal(actor("admin"), end("admin", { targetUserId: "me", otherAdminsServing: 1 }))).toBeNull();
  });
});

describe("claimantRefusal", () => {
  it("refuses the claimant deciding on or paying their own claim, and no one else", () => {
    for (const action of ["approve", "reject", "pay"] as const) {
      expect(claimantRefusal({ claimantId: "me" }, action, "me")).toMatchObject({
        kind: "forbidden",
        code: "separation_of_duties",
      });
      expect(claimantRefusal({ claimantId: "me" }, action, "other")).toBeNull();
      expect(claimantRefusal({ claimantId: null }, action, "me")).toBeNull();
    }
  });
});

describe("roleNoticeMail", () => {
  it("says who got or lost which money role by name, with no name in the subject", () => {
    const mail = roleNoticeMail("officer@example.test", "https://app.test/service", {
      kind: "grant",
      role: "treasurer",
      groupName: "Lakeside",
      memberName: "Pat",
      actorName: "Sam",
      day: "2026-11-30",
    });
    expect(mail.to).toBe("officer@example.test");
    expect(mail.subject).toBe("Lakeside: a treasurer was added");
    expect(mail.text).toContain("Pat is now treasurer of Lakeside, from 2026-11-30.");
    expect(mail.text).toContain("Sam made this change.");
    const ended = roleNoticeMail("o@example.test", "u", {
      kind: "end",
      role: "admin",
      groupName: "Lakeside",
      memberName: "Pat",
      actorName: "Sam",
      day: "2026-12-31",
    });
    expect(ended.text).toContain("Pat is no longer admin of Lakeside after 2026-12-31.");
    expect(`${mail.subject}${ended.subject}`).not.toMatch(/Pat|Sam/);
  });
});
