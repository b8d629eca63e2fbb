import { z } from "zod";
import { isLanguageCode, isTypeCode } from "#shared/meeting-codes";
import { DAY_NAMES, JOIN_NOTES } from "./feed";
import { type MeetingCreate, meetingCreateSchema } from "./meeting-input";
import type { PlaceInput } from "./place";
import { minutesOfDay } from "./schedule";
import { isValidZone } from "./zones";

/** Largest feed an import accepts, in bytes (checked before parsing) and in items. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ITEMS = 500;

const text = z.string().trim();
const dayValue = z.union([
  z.int().min(0).max(6),
  z
    .string()
    .regex(/^[0-6]$/)
    .transform(Number),
]);

/** A Meeting Guide item as feeds in the wild send it: only `name` and `slug` are required by the spec. */
const feedItemSchema = z.looseObject({
  name: text.min(1, "No name").max(255),
  slug: z.string().min(1, "No slug").max(128),
  day: z.union([dayValue, z.array(dayValue).min(1).max(7)]).optional(),
  time: z.string().optional(),
  end_time: z.string().optional(),
  timezone: z.string().optional(),
  types: z
    .array(z.union([z.string(), z.number().transform(String)]))
    .max(60)
    .optional(),
  notes: z.string().optional(),
  conference_url: z.string().optional(),
  conference_url_notes: z.string().optional(),
  conference_phone: z.string().optional(),
  conference_phone_notes: z.string().optional(),
  attendance_option: z.string().optional(),
  location: z.string().optional(),
  location_notes: z.string().optional(),
  formatted_address: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postal_code: z.string().optional(),
  country: z.string().optional(),
  latitude: z
    .union([
      z.number(),
      z
        .string()
        .regex(/^-?\d+(?:\.\d+)?$/)
        .transform(Number),
    ])
    .optional(),
  longitude: z
    .union([
      z.number(),
      z
        .string()
        .regex(/^-?\d+(?:\.\d+)?$/)
        .transform(Number),
    ])
    .optional(),
  approximate: z.union([z.string(), z.boolean()]).optional(),
  regions: z.array(z.string()).optional(),
  region: z.string().optional(),
  venmo: z.string().optional(),
  paypal: z.string().optional(),
  square: z.string().optional(),
  homegroup_online: z.string().optional(),
});
type FeedItem = z.infer<typeof feedItemSchema>;

/** What the import does with one item of the uploaded feed. */
export type ItemOutcome = {
  index: number;
  slug: string | null;
  name: string | null;
  action: "create" | "update" | "unchanged" | "refuse";
  /** The slug of the meeting here that the item creates or updates. */
  meeting: string | null;
  reasons: string[];
  notes: string[];
};

/** A meeting the import would create or update: built from one item, or several days of one meeting. */
export type ImportCandidate = {
  sourceSlug: string;
  items: { index: number; slug: string }[];
  input: MeetingCreate;
  notes: string[];
};

export type ImportPlan = { candidates: ImportCandidate[]; refused: ItemOutcome[] };

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** "7:05", "07:05" or "07:05:00" → "07:05"; anything else → undefined. */
export function normalizeTime(value: string | undefined): string | undefined {
  const m = value?.trim().match(/^(\d{1,2}):(\d{2})(?::\d{2})?$/);
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? `${String(h).padStart(2, "0")}:${m[2]}` : undefined;
}

/** Our slug for a feed slug: lowercase letters, digits and dashes, at most 64. */
export function localSlug(slug: string): string {
  return slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}

/** "early-birds-monday" with day 1 → "early-birds": the meeting a one-day item of a split feed belongs to. */
export function baseSlug(slug: string, day: number | number[] | undefined): string {
  if (typeof day !== "number") return slug;
  const suffix = `-${DAY_NAMES[day]}`;
  return slug.endsWith(suffix) && slug.length > suffix.length ? slug.slice(0, -suffix.length) : slug;
}

const isYes = (v: string | boolean | undefined) =>
  v === true || (typeof v === "string" && v.trim().toLowerCase() === "yes");

/** Splits "1 Main St, Evanston, IL 60201, USA" into parts (at least four comma parts, else undefined). */
function addressParts(formatted: string) {
  const parts = formatted
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 4) return undefined;
  const country = parts.at(-1) ?? "";
  const stateZip = parts.at(-2) ?? "";
  const city = parts.at(-3) ?? "";
  const address = parts.slice(0, -3).join(", ");
  const zip = stateZip.match(/^(.*?)\s*([A-Z0-9]*\d[A-Z0-9 -]*)$/i);
  return {
    address,
    city,
    region: zip ? blank(zip[1]) : blank(stateZip),
    postalCode: zip ? blank(zip[2]) : undefined,
    country,
  };
}

/** The item's place: its venue when it names a street address, else an approximate place. */
function placeOf(item: FeedItem, hasConference: boolean, reasons: string[]): PlaceInput {
  const regions = item.regions?.length
    ? item.regions.map((r) => r.trim()).filter(Boolean)
    : item.region?.trim()
      ? [item.region.trim()]
      : undefined;
  const option = blank(item.attendance_option)?.toLowerCase();
  if (option && !["online", "in_person", "hybrid"].includes(option))
    reasons.push(`attendance_option "${option}" is not one we can list (online, in_person or hybrid)`);
  const formatted = blank(item.formatted_address);
  const parts = blank(item.address)
    ? {
        address: blank(item.address),
        city: blank(item.city),
        region: blank(item.state),
        postalCode: blank(item.postal_code),
        country: blank(item.country),
      }
    : formatted
      ? addressParts(formatted)
      : undefined;
  const approximate = isYes(item.approximate) || option === "online" || (!option && !parts?.address);
  if (approximate) {
    const place = formatted ?? ([item.city, item.state, item.country].map(blank).filter(Boolean).join(", ") || null);
    return { attendance: "online", approximatePlace: place, regions };
  }
  const attendance = option === "in_person" || option === "hybrid" ? option : hasConference ? "hybrid" : "in_person";
  if (!parts?.address || !parts.city || !parts.country)
    reasons.push("An in-person or hybrid meeting needs a street address, city and country");
  return {
    attendance,
    regions,
    venue: {
      name: blank(item.location) ?? null,
      address: parts?.address ?? "",
      city: parts?.city ?? "",
      region: parts?.region ?? null,
      postalCode: parts?.postalCode ?? null,
      country: parts?.country ?? "",
      latitude: item.latitude ?? null,
      longitude: item.longitude ?? null,
      notes: blank(item.location_notes) ?? null,
      wheelchairAccess: (item.types ?? []).includes("X"),
    },
  };
}

type Translated = {
  sourceSlug: string;
  days: number[];
  body: Omit<MeetingCreate, "schedule"> & { schedule: Omit<MeetingCreate["schedule"], "days"> };
  notes: string[];
};

/** One item → the meeting it describes (without merging days), or the reasons it cannot be imported. */
function translate(
  item: FeedItem,
  ctx: { groupId: string; groupTimezone: string; appOrigin: string },
): { ok: true; value: Translated } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  const notes: string[] = [];
  if (item.day === undefined) reasons.push("No day: meetings by appointment cannot be listed here");
  const days = item.day === undefined ? [] : [...new Set(Array.isArray(item.day) ? item.day : [item.day])].sort();
  const time = normalizeTime(item.time);
  if (!time) reasons.push('No valid time ("HH:MM", 24 hours)');
  const end = item.end_time === undefined ? undefined : normalizeTime(item.end_time);
  if (item.end_time !== undefined && !end) reasons.push('end_time is not "HH:MM"');
  const duration = time && end ? (minutesOfDay(end) - minutesOfDay(time) + 1440) % 1440 : 60;
  const timezone = blank(item.timezone) ?? ctx.groupTimezone;
  if (!isValidZone(timezone)) reasons.push(`timezone "${timezone}" is not an IANA time zone`);
  const codes = (item.types ?? []).map((t) => t.trim());
  const types = codes.filter(isTypeCode);
  const languages = codes.filter(isLanguageCode);
  const unknown = codes.filter((c) => !isTypeCode(c) && !isLanguageCode(c));
  if (unknown.length) notes.push(`Type codes not kept: ${unknown.join(", ")}`);
  const ours = (url: string | undefined) => url?.startsWith(`${ctx.appOrigin}/`) === true;
  const conferenceUrl = ours(item.conference_url) ? undefined : blank(item.conference_url);
  const conferenceNotes = ours(item.conference_url)
    ? blank(item.conference_phone_notes)
    : (blank(item.conference_url_notes) ?? blank(item.conference_phone_notes));
  const conferencePhone = blank(item.conference_phone);
  const hasConference = Boolean(item.conference_url?.trim() || conferencePhone);
  const place = placeOf(item, hasConference, reasons);
  if (reasons.length) return { ok: false, reasons };
  // At a venue, X (wheelchair access) is the venue's fact, not a meeting type.
  const meetingTypes = place.attendance === "online" ? types : types.filter((t) => t !== "X");
  const sourceSlug = baseSlug(item.slug.trim(), typeof item.day === "number" ? days[0] : item.day);
  const seventh = {
    venmo: blank(item.venmo),
    paypal: blank(item.paypal),
    square: blank(item.square),
    homegroupOnline: blank(item.homegroup_online),
  };
  return {
    ok: true,
    value: {
      sourceSlug,
      days,
      notes,
      body: {
        groupId: ctx.groupId,
        name: item.name,
        slug: localSlug(sourceSlug) || undefined,
        description: blank(item.notes) ?? null,
        types: [...new Set(meetingTypes)],
        languages: languages.length ? [...new Set(languages)] : ["EN"],
        timezone,
        schedule: { startTime: time ?? "00:00", durationMinutes: duration },
        visibility: "public",
        waitingRoom: false,
        passcodeAccess: "ask",
        latecomerChat: false,
        chatRetention: "end",
        conference:
          conferenceUrl || conferencePhone || (conferenceNotes && conferenceNotes !== JOIN_NOTES)
            ? {
                url: conferenceUrl ?? null,
                phone: conferencePhone ?? null,
                notes: conferenceNotes === JOIN_NOTES ? null : (conferenceNotes ?? null),
              }
            : undefined,
        seventhTradition: Object.values(seventh).some(Boolean) ? seventh : undefined,
        place,
      },
    },
  };
}

/** The zod issues of a meeting input as readable reasons ("schedule.durationMinutes: Too small…"). */
function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "item"}: ${i.message}`);
}

/**
 * Plans an import: every item validated on its own; items that are days of one meeting
 * (same base slug and the same facts apart from the day, e.g. our own "slug-monday" items)
 * merged into one meeting; items that cannot be listed refused with their reasons.
 */
export function planImport(
  raw: unknown[],
  ctx: { groupId: string; groupTimezone: string; appOrigin: string },
): ImportPlan {
  const refused: ItemOutcome[] = [];
  const refuse = (index: number, item: unknown, reasons: string[]) => {
    const o = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
    refused.push({
      index,
      slug: typeof o.slug === "string" ? o.slug : null,
      name: typeof o.name === "string" ? o.name : null,
      action: "refuse",
      meeting: null,
      reasons,
      notes: [],
    });
  };
  const bySource = new Map<string, { index: number; slug: string; value: Translated }[]>();
  const seenSlugs = new Set<string>();
  for (const [index, item] of raw.entries()) {
    const parsed = feedItemSchema.safeParse(item);
    if (!parsed.success) {
      refuse(index, item, issuesOf(parsed.error));
      continue;
    }
    if (seenSlugs.has(parsed.data.slug)) {
      refuse(index, item, ["Another item of this feed has the same slug"]);
      continue;
    }
    seenSlugs.add(parsed.data.slug);
    const t = translate(parsed.data, ctx);
    if (!t.ok) {
      refuse(index, item, t.reasons);
      continue;
    }
    const list = bySource.get(t.value.sourceSlug) ?? [];
    list.push({ index, slug: parsed.data.slug, value: t.value });
    bySource.set(t.value.sourceSlug, list);
  }
  const candidates: ImportCandidate[] = [];
  for (const [sourceSlug, list] of bySource) {
    const [first] = list;
    const sameMeeting =
      first !== undefined && list.every((e) => JSON.stringify(e.value.body) === JSON.stringify(first.value.body));
    // Days of one meeting merge; items that only share a base slug stay apart under their own slugs.
    const groups = sameMeeting
      ? [{ sourceSlug, entries: list }]
      : list.map((e) => ({ sourceSlug: e.slug.trim(), entries: [e] }));
    for (const g of groups) {
      const [head] = g.entries;
      if (!head) continue;
      const days = [...new Set(g.entries.flatMap((e) => e.value.days))].sort();
      const input = meetingCreateSchema.safeParse({
        ...head.value.body,
        slug: localSlug(g.sourceSlug) || undefined,
        schedule: { ...head.value.body.schedule, days },
      });
      if (!input.success) {
        for (const e of g.entries) refuse(e.index, raw[e.index], issuesOf(input.error));
        continue;
      }
      candidates.push({
        sourceSlug: g.sourceSlug,
        items: g.entries.map((e) => ({ index: e.index, slug: e.slug })),
        input: input.data,
        notes: [...new Set(g.entries.flatMap((e) => e.value.notes))],
      });
    }
  }
  return { candidates, refused };
}
