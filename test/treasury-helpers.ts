import { env } from "cloudflare:workers";
import { db } from "../worker/db/client";
import { meetings, occurrences } from "../worker/db/schema";
import { newId } from "../worker/lib/ids";
import { createGroup, createMember, type TestMember } from "./fixtures";
import { call } from "./helpers";

export type Books = {
  groupId: string;
  treasurer: TestMember;
  admin: TestMember;
  secretary: TestMember;
  accounts: Record<string, string>;
  meetingId: string;
  occurrenceId: string;
};

/** A group with a treasurer, an admin, a secretary, one meeting with an occurrence, and its chart. */
export async function setupBooks(overrides: Parameters<typeof createGroup>[0] = {}): Promise<Books> {
  const group = await createGroup(overrides);
  const [treasurer, admin, secretary] = await Promise.all([
    createMember(group.id, ["treasurer"]),
    createMember(group.id, ["admin"]),
    createMember(group.id, ["secretary"]),
  ]);
  const meetingId = newId("mtg_");
  await db(env)
    .insert(meetings)
    .values({
      id: meetingId,
      groupId: group.id,
      slug: `m-${meetingId.slice(-10).toLowerCase()}`,
      name: "Monday Big Book",
      types: ["O"],
      languages: ["en"],
      timezone: "America/Chicago",
      days: [1],
      startTime: "19:00",
      durationMinutes: 60,
      updatedAt: Date.now(),
    });
  const occurrenceId = newId("occ_");
  await db(env)
    .insert(occurrences)
    .values({
      id: occurrenceId,
      meetingId,
      localDate: "2026-10-05",
      startsAt: Date.UTC(2026, 9, 6, 0),
      endsAt: Date.UTC(2026, 9, 6, 1),
    });
  const res = await call(`/api/groups/${group.id}/treasury/accounts`, { headers: treasurer.auth });
  if (res.status !== 200) throw new Error(`accounts: ${res.status} ${await res.text()}`);
  const { accounts } = (await res.json()) as { accounts: { id: string; code: string }[] };
  return {
    groupId: group.id,
    treasurer,
    admin,
    secretary,
    accounts: Object.fromEntries(accounts.map((a) => [a.code, a.id])),
    meetingId,
    occurrenceId,
  };
}

let keyCounter = 0;
/** A fresh Idempotency-Key. */
export const freshKey = () => `test-key-${Date.now()}-${++keyCounter}`;

/** POST JSON as `member` with an Idempotency-Key (fresh unless given). */
export function post(path: string, member: TestMember, json: unknown, key: string | null = freshKey()) {
  return call(path, { method: "POST", json, headers: { ...member.auth, ...(key ? { "Idempotency-Key": key } : {}) } });
}

export async function jsonOf<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
