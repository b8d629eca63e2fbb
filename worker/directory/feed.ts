import { z } from "zod";
import { SPEC_CODES } from "#shared/meeting-codes";
import { approximatePlaceOf, formattedAddress, hasOnlineRoom, hasVenue, type PlaceColumns } from "./place";
import { endTimeOf } from "./schedule";

/** The meeting facts the Meeting Guide feed needs (never passcodes or conference links). */
export type FeedMeeting = PlaceColumns & {
  slug: string;
  name: string;
  description: string | null;
  types: string[];
  languages: string[];
  timezone: string;
  days: number[];
  startTime: string;
  durationMinutes: number;
  updatedAt: number;
  venmo: string | null;
  paypal: string | null;
  square: string | null;
  homegroupOnline: string | null;
  groupName: string;
};

/** One item of a code4recovery Meeting Guide feed, as we emit it. */
export const meetingGuideItemSchema = z.object({
  name: z.string(),
  slug: z.string(),
  day: z.union([z.int().min(0).max(6), z.array(z.int().min(0).max(6))]),
  time: z.string(),
  end_time: z.string(),
  timezone: z.string(),
  types: z.array(z.string()),
  notes: z.string().optional(),
  attendance_option: z.enum(["online", "in_person", "hybrid"]),
  location: z.string().optional(),
  formatted_address: z.string(),
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postal_code: z.string().optional(),
  country: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  approximate: z.enum(["yes", "no"]),
  location_notes: z.string().optional(),
  regions: z.array(z.string()).optional(),
  conference_url: z.string().optional(),
  conference_url_notes: z.string().optional(),
  group: z.string(),
  updated: z.string(),
  url: z.string(),
  venmo: z.string().optional(),
  paypal: z.string().optional(),
  square: z.string().optional(),
  homegroup_online: z.string().optional(),
});
export type MeetingGuideItem = z.infer<typeof meetingGuideItemSchema>;
export const meetingGuideFeedSchema = z.array(meetingGuideItemSchema);

/** `?days=array` asks for one item per meeting with a `day` array; the default is one item per day. */
export const feedQuerySchema = z.object({ days: z.enum(["split", "array"]).default("split") });

export const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/** How to join, in the feed: the link opens the meeting page, which leads into the room. */
export const JOIN_NOTES =
  "Open the link and choose Join: type a first name (no account needed) and the group's passcode if it has one.";

const SLUG_MAX = 64;

/** "YYYY-MM-DD HH:MM:SS" in UTC, the feed's `updated` format. */
export function feedTimestamp(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace("T", " ");
}

/** The slug of one day's item: "early-birds-monday" (the base is shortened if the whole would pass 64 characters). */
export function daySlug(slug: string, day: number): string {
  const suffix = `-${DAY_NAMES[day]}`;
  return `${slug.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
}

/** The feed's `types`: spec codes only, plus X (wheelchair access) where there is an accessible venue. */
function feedTypes(m: FeedMeeting): string[] {
  const codes = [...m.types, ...m.languages];
  if (m.wheelchairAccess && hasVenue(m.attendanceOption)) codes.push("X");
  return [...new Set(codes.filter((c) => SPEC_CODES.has(c)))];
}

/** The place fields of an item: the venue, or an approximate place for an online meeting. */
function placeFields(m: FeedMeeting) {
  if (!hasVenue(m.attendanceOption)) return { formatted_address: approximatePlaceOf(m), approximate: "yes" as const };
  const fields: Partial<MeetingGuideItem> & { formatted_address: string; approximate: "yes" | "no" } = {
    formatted_address: formattedAddress(m),
    approximate: "no",
  };
  if (m.locationName) fields.location = m.locationName;
  if (m.address) fields.address = m.address;
  if (m.city) fields.city = m.city;
  if (m.region) fields.state = m.region;
  if (m.postalCode) fields.postal_code = m.postalCode;
  if (m.country) fields.country = m.country;
  if (m.latitude != null && m.longitude != null) {
    fields.latitude = m.latitude;
    fields.longitude = m.longitude;
  }
  if (m.locationNotes) fields.location_notes = m.locationNotes;
  return fields;
}

/**
 * Maps a meeting to one Meeting Guide item (with `day` as given). `conference_url` is the
 * meeting's public page here, not the room itself: the room's gate (passcode, waiting room)
 * stays in front of attendees, so groups can list online meetings without handing bombers a direct link.
 */
export function toMeetingGuideItem(
  m: FeedMeeting,
  appOrigin: string,
  day: number | number[],
  slug = m.slug,
): MeetingGuideItem {
  const page = `${appOrigin}/m/${m.slug}`;
  const item: MeetingGuideItem = {
    name: m.name.slice(0, 255),
    slug,
    day,
    time: m.startTime,
    end_time: endTimeOf(m.startTime, m.durationMinutes),
    timezone: m.timezone,
    types: feedTypes(m),
    attendance_option: m.attendanceOption,
    ...placeFields(m),
    group: m.groupName,
    updated: feedTimestamp(m.updatedAt),
    url: page,
  };
  if (hasOnlineRoom(m.attendanceOption)) {
    item.conference_url = page;
    item.conference_url_notes = JOIN_NOTES;
  }
  if (m.regions?.length) item.regions = m.regions;
  if (m.description) item.notes = m.description;
  if (m.venmo) item.venmo = m.venmo;
  if (m.paypal) item.paypal = m.paypal;
  if (m.square) item.square = m.square;
  if (m.homegroupOnline) item.homegroup_online = m.homegroupOnline;
  return item;
}

/**
 * A Meeting Guide feed. By default one item per meeting day, each with its own slug
 * ("slug-monday"; a one-day meeting keeps its slug): readers such as TSML UI break on `day`
 * arrays. `days: "array"` gives one item per meeting with a `day` array instead.
 */
export function meetingGuideFeed(
  list: FeedMeeting[],
  appOrigin: string,
  days: "split" | "array" = "split",
): MeetingGuideItem[] {
  const items = list.flatMap((m) => {
    const sorted = [...m.days].sort();
    if (days === "array") return [toMeetingGuideItem(m, appOrigin, sorted.length === 1 ? (sorted[0] ?? 0) : sorted)];
    return sorted.map((day) =>
      toMeetingGuideItem(m, appOrigin, day, sorted.length === 1 ? m.slug : daySlug(m.slug, day)),
    );
  });
  return withUniqueSlugs(items);
}

/** Makes item slugs unique (a shortened day slug can meet another meeting's slug): later ones get "-2", "-3"… */
function withUniqueSlugs(items: MeetingGuideItem[]): MeetingGuideItem[] {
  const seen = new Set(items.map((i) => i.slug));
  const used = new Set<string>();
  return items.map((item) => {
    if (!used.has(item.slug)) {
      used.add(item.slug);
      return item;
    }
    for (let n = 2; ; n++) {
      const tail = `-${n}`;
      const slug = `${item.slug.slice(0, SLUG_MAX - tail.length)}${tail}`;
      if (!seen.has(slug) && !used.has(slug)) {
        used.add(slug);
        return { ...item, slug };
      }
    }
  });
}
