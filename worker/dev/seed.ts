import { z } from "zod";
import { count, eq } from "drizzle-orm";
import { ensureUser } from "../auth/users";
import { db } from "../db/client";
import { materializeOccurrences } from "../cron/materialize";
import { journalEntries } from "../db/schema-treasury";
import { groups, meetings, occurrences, type Role, serviceAssignments, users } from "../db/schema";
import { seedDemoMeetings } from "./seed-meetings";
import { seedTreasuryDemo } from "./seed-treasury";

/** Demo groups in three zones, so the directory shows off time zones from the first run. */
export const DEMO_GROUPS = {
  chicago: {
    id: "grp_demo_chicago",
    name: "Lakeside Home Group",
    slug: "lakeside",
    timezone: "America/Chicago",
    fiscalYearStartMonth: 1,
  },
  london: {
    id: "grp_demo_london",
    name: "Thames Morning Group",
    slug: "thames-morning",
    timezone: "Europe/London",
    fiscalYearStartMonth: 4,
  },
  kolkata: {
    id: "grp_demo_kolkata",
    name: "Howrah Bridge Group",
    slug: "howrah-bridge",
    timezone: "Asia/Kolkata",
    fiscalYearStartMonth: 4,
  },
} as const;

/** Demo service accounts: each signs in through the dev outbox (README). */
export const DEMO_PEOPLE: { email: string; name: string; role: Role; platformAdmin: boolean }[] = [
  { email: "admin@meetinghouse.test", name: "Alex (admin)", role: "admin", platformAdmin: true },
  { email: "secretary@meetinghouse.test", name: "Sam (secretary)", role: "secretary", platformAdmin: false },
  { email: "host@meetinghouse.test", name: "Hana (host)", role: "host", platformAdmin: false },
  { email: "treasurer@meetinghouse.test", name: "Terry (treasurer)", role: "treasurer", platformAdmin: false },
];

/** Row counts after seeding (the answer of `POST /api/dev/seed`). */
export const SeedSummary = z.strictObject({
  groups: z.int(),
  users: z.int(),
  assignments: z.int(),
  meetings: z.int(),
  occurrences: z.int(),
  journalEntries: z.int(),
});
export type SeedSummary = z.infer<typeof SeedSummary>;

async function counts(env: Env): Promise<SeedSummary> {
  const d = db(env);
  const [g, u, a, m, o, j] = await Promise.all([
    d.select({ n: count() }).from(groups).get(),
    d.select({ n: count() }).from(users).get(),
    d.select({ n: count() }).from(serviceAssignments).get(),
    d.select({ n: count() }).from(meetings).get(),
    d.select({ n: count() }).from(occurrences).get(),
    d.select({ n: count() }).from(journalEntries).get(),
  ]);
  return {
    groups: g?.n ?? 0,
    users: u?.n ?? 0,
    assignments: a?.n ?? 0,
    meetings: m?.n ?? 0,
    occurrences: o?.n ?? 0,
    journalEntries: j?.n ?? 0,
  };
}

/** Groups, people and their service roles. Fixed ids + ON CONFLICT DO NOTHING make it idempotent. */
async function seedPeople(env: Env) {
  const d = db(env);
  await d.insert(groups).values(Object.values(DEMO_GROUPS)).onConflictDoNothing();
  const people: Record<Role, string> = { admin: "", secretary: "", host: "", treasurer: "" };
  for (const person of DEMO_PEOPLE) {
    const user = await ensureUser(env, person.email, person.name, person.platformAdmin);
    people[person.role] = user.id;
    await d
      .insert(serviceAssignments)
      .values(
        Object.values(DEMO_GROUPS).map((g) => ({
          id: `sa_demo_${g.slug}_${person.role}`,
          userId: user.id,
          groupId: g.id,
          role: person.role,
          startsOn: "2025-01-01",
          endsOn: null,
        })),
      )
      .onConflictDoNothing();
  }
  return people;
}

/**
 * Seeds the demo world: three groups, four service members, ~30 meetings with 14 days of
 * occurrences, and a year of books for each group. Safe to run any number of times.
 */
export async function seedDemoData(env: Env, now = Date.now()): Promise<SeedSummary> {
  const people = await seedPeople(env);
  const groupIds = { chicago: DEMO_GROUPS.chicago.id, london: DEMO_GROUPS.london.id, kolkata: DEMO_GROUPS.kolkata.id };
  await seedDemoMeetings(env, groupIds);
  await materializeOccurrences(env, now);
  const d = db(env);
  for (const groupId of Object.values(groupIds)) {
    const meetingIds = (await d.select({ id: meetings.id }).from(meetings).where(eq(meetings.groupId, groupId))).map(
      (m) => m.id,
    );
    await seedTreasuryDemo(env, groupId, { treasurerId: people.treasurer, secretaryId: people.secretary }, meetingIds);
  }
  return counts(env);
}
