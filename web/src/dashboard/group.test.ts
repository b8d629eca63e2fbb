import { describe, expect, it } from "vitest";
import { canKeepBooks, canWriteBooks, type GroupChoice, groupsOf } from "./group";
import type { Assignment, Me, Role } from "./session";

const group = (roles: Role[]): GroupChoice => ({ id: "grp_1", name: "Downtown", timezone: "America/Chicago", roles });

// The API's rules (worker/routes/treasury-rules.ts): TREASURY_READERS = treasurer + admin read the books,
// TREASURER alone writes them. The dashboard shows a write control only where the route would accept it.
describe("who reads and who writes the books", () => {
  it.each([
    [["treasurer"], true, true],
    [["admin"], true, false],
    [["admin", "treasurer"], true, true],
    [["secretary"], false, false],
    [["host"], false, false],
    [[], false, false],
  ] as [Role[], boolean, boolean][])("%j: reads %s, writes %s", (roles, reads, writes) => {
    expect(canKeepBooks(group(roles))).toBe(reads);
    expect(canWriteBooks(group(roles))).toBe(writes);
  });

  it("counts the roles of the current group only: a treasurer elsewhere is a reader here", () => {
    const assignment = (groupId: string, role: Role): Assignment => ({
      groupId,
      groupName: groupId,
      groupTimezone: "UTC",
      role,
    });
    const me = { assignments: [assignment("grp_a", "treasurer"), assignment("grp_b", "admin")] } as Me;
    const [a, b] = groupsOf(me);
    if (!a || !b) throw new Error("expected two groups");
    expect([a.id, b.id]).toEqual(["grp_a", "grp_b"]);
    expect(canWriteBooks(a)).toBe(true);
    expect(canWriteBooks(b)).toBe(false);
    expect(canKeepBooks(b)).toBe(true);
  });
});
