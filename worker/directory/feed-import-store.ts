import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { type Meeting, meetings } from "../db/schema";
import { newId } from "../lib/ids";
import type { Store } from "./d1-session";
import type { ImportCandidate, ImportPlan, ItemOutcome } from "./feed-import";
import { insertMeetingStatements, newMeetingRow, updateMeetingStatements } from "./meeting-store";
import { placeColumns } from "./place";

/** The import's answer: what happened (or, on a dry run, would happen) to every item. */
export const importReportSchema = z.object({
  dryRun: z.boolean(),
  summary: z.object({ items: z.int(), create: z.int(), update: z.int(), unchanged: z.int(), refuse: z.int() }),
  items: z.array(
    z.object({
      index: z.int(),
      slug: z.string().nullable(),
      name: z.string().nullable(),
      action: z.enum(["create", "update", "unchanged", "refuse"]),
      meeting: z.string().nullable(),
      reasons: z.array(z.string()),
      notes: z.array(z.string()),
    }),
  ),
});
export type ImportReport = z.infer<typeof importReportSchema>;

type Group = { id: string; slug: string };

const SLUG_LOOKUP_CHUNK = 90;

/** Which of `slugs` any meeting (of any group) already uses. */
async function takenSlugs({ d }: Store, slugs: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < slugs.length; i += SLUG_LOOKUP_CHUNK) {
    const rows = await d
      .select({ slug: meetings.slug })
      .from(meetings)
      .where(inArray(meetings.slug, slugs.slice(i, i + SLUG_LOOKUP_CHUNK)));
    for (const r of rows) taken.add(r.slug);
  }
  return taken;
}

/** A free slug for a new meeting: the feed's, else with the group's slug after it, else numbered. */
function freeSlug(wanted: string, group: Group, taken: Set<string>): string {
  const candidates = [wanted, `${wanted.slice(0, 63 - group.slug.length)}-${group.slug}`.slice(0, 64)];
  for (let n = 2; candidates.length < 50; n++) candidates.push(`${wanted.slice(0, 60)}-${n}`);
  const slug =
    candidates.find((s) => !taken.has(s)) ??
    `${wanted.slice(0, 50)}-${newId()
      .slice(0, 8)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`;
  taken.add(slug);
  return slug;
}

/** The columns an import sets on an existing meeting (its slug, passcode, room settings stay). */
function importedColumns(
  c: ImportCandidate,
): Partial<Meeting> & Pick<Meeting, "types" | "languages" | "timezone" | "days" | "startTime" | "durationMinutes"> {
  const i = c.input;
  return {
    name: i.name,
    description: i.description ?? null,
    types: [...new Set(i.types)],
    languages: [...new Set(i.languages)],
    timezone: i.timezone,
    days: [...i.schedule.days].sort(),
    startTime: i.schedule.startTime,
    durationMinutes: i.schedule.durationMinutes,
    ...(i.conference
      ? {
          conferenceUrl: i.conference.url ?? null,
          conferencePhone: i.conference.phone ?? null,
          conferenceNotes: i.conference.notes ?? null,
        }
      : {}),
    venmo: i.seventhTradition?.venmo ?? null,
    paypal: i.seventhTradition?.paypal ?? null,
    square: i.seventhTradition?.square ?? null,
    homegroupOnline: i.seventhTradition?.homegroupOnline ?? null,
    ...placeColumns(i.place),
    sourceSlug: c.sourceSlug,
  };
}

function changed(current: Meeting, next: Partial<Meeting>): boolean {
  return Object.entries(next).some(([k, v]) => JSON.stringify(current[k as keyof Meeting]) !== JSON.stringify(v));
}

/**
 * Matches planned meetings to the group's meetings (by the slug they were imported from, or
 * their own slug), and on a real run writes every creation and update in one D1 batch:
 * all of the valid items land, or none. Refused items are only reported.
 */
export async function runImport(
  store: Store,
  group: Group,
  plan: ImportPlan,
  dryRun: boolean,
  now = Date.now(),
): Promise<ImportReport> {
  const existing = await store.d.select().from(meetings).where(eq(meetings.groupId, group.id));
  const bySource = new Map(existing.filter((m) => m.sourceSlug).map((m) => [m.sourceSlug, m]));
  const bySlug = new Map(existing.map((m) => [m.slug, m]));
  const wanted = plan.candidates.map((c) => c.input.slug ?? "").filter(Boolean);
  const taken = await takenSlugs(store, [
    ...new Set(wanted.flatMap((s) => [s, `${s.slice(0, 63 - group.slug.length)}-${group.slug}`.slice(0, 64)])),
  ]);
  const outcomes: ItemOutcome[] = [...plan.refused];
  const statements: D1PreparedStatement[] = [];
  const itemOf = (
    item: { index: number; slug: string },
    c: ImportCandidate,
    action: ItemOutcome["action"],
    meeting: string | null,
    reasons: string[] = [],
  ): ItemOutcome => ({
    ...item,
    name: c.input.name,
    action,
    meeting,
    reasons,
    notes: c.notes,
  });
  for (const c of plan.candidates) {
    const current = bySource.get(c.sourceSlug) ?? bySlug.get(c.input.slug ?? "");
    if (current?.status === "archived") {
      for (const i of c.items)
        outcomes.push(itemOf(i, c, "refuse", current.slug, ["The group's meeting with this slug is archived"]));
      continue;
    }
    if (current) {
      const next = importedColumns(c);
      const action = changed(current, next) ? "update" : "unchanged";
      if (action === "update")
        statements.push(...updateMeetingStatements(store, current, { ...next, updatedAt: now }, now));
      for (const i of c.items) outcomes.push(itemOf(i, c, action, current.slug));
      continue;
    }
    const slug = freeSlug(c.input.slug ?? "meeting", group, taken);
    const row = {
      ...newMeetingRow(c.input, newId("mtg_"), slug, { hash: null, weak: false }, now),
      sourceSlug: c.sourceSlug,
    };
    statements.push(...insertMeetingStatements(store, row, now));
    for (const i of c.items) outcomes.push(itemOf(i, c, "create", slug));
  }
  if (!dryRun && statements.length) await store.raw.batch(statements);
  outcomes.sort((a, b) => a.index - b.index);
  const count = (action: ItemOutcome["action"]) => outcomes.filter((o) => o.action === action).length;
  return {
    dryRun,
    summary: {
      items: outcomes.length,
      create: count("create"),
      update: count("update"),
      unchanged: count("unchanged"),
      refuse: count("refuse"),
    },
    items: outcomes,
  };
}
