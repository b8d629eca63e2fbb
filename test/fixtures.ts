import { env } from "cloudflare:workers";
import { startSession } from "../worker/auth/session";
import { ensureUser } from "../worker/auth/users";
import { db } from "../worker/db/client";
import { groups, type Role, serviceAssignments } from "../worker/db/schema";
import { newId } from "../worker/lib/ids";

/** 2020-01-01T12:00Z: the day every test group was "created" unless a test says otherwise. */
export const GROUP_CREATED_AT = Date.UTC(2020, 0, 1, 12);

export async function createGroup(overrides: Partial<typeof groups.$inferInsert> = {}) {
  const id = overrides.id ?? newId("grp_");
  // Created on a fixed past day, so the books' first fiscal year (posting-date rule) does not move with the clock.
  const row = {
    id,
    name: `Group ${id.slice(-5)}`,
    slug: `g-${id
      .slice(-8)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`,
    timezone: "America/Chicago",
    fiscalYearStartMonth: 1,
    createdAt: GROUP_CREATED_AT,
    ...overrides,
  };
  await db(env).insert(groups).values(row);
  return row;
}

export type TestMember = { userId: string; accessToken: string; refreshToken: string; auth: { Authorization: string } };

/**
 * A signed-in service member holding `roles` in `groupId` (assignment started yesterday,
 * open-ended unless `endsOn` is given). Returns bearer headers ready to pass to `call`.
 */
export async function createMember(
  groupId: string | null,
  roles: Role[],
  opts: { endsOn?: string; platformAdmin?: boolean; email?: string } = {},
): Promise<TestMember> {
  const email = opts.email ?? `${newId("m")}@example.test`;
  const user = await ensureUser(env, email, "Test member", opts.platformAdmin ?? false);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  if (groupId && roles.length) {
    await db(env)
      .insert(serviceAssignments)
      .values(
        roles.map((role) => ({
          id: newId("sa_"),
          userId: user.id,
          groupId,
          role,
          startsOn: opts.endsOn && opts.endsOn < yesterday ? "2000-01-01" : yesterday,
          endsOn: opts.endsOn ?? null,
        })),
      );
  }
  const tokens = await startSession(env, user.id, opts.platformAdmin ?? false);
  return {
    userId: user.id,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    auth: { Authorization: `Bearer ${tokens.accessToken}` },
  };
}
