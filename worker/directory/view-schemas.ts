import { z } from "zod";
import { ATTENDANCE_OPTIONS, PASSCODE_ACCESS } from "../db/schema";

/**
 * The JSON shapes of meetings as the API answers them (views.ts builds them; the OpenAPI document
 * and the response tests read these). Strict: a key the view adds must be named here first.
 */

const nullableText = z.string().nullable();

export const ZonedTimeJson = z.strictObject({
  local: z.string(),
  date: z.string(),
  time: z.string(),
  weekday: z.int().min(0).max(6),
  zone: z.string(),
  abbr: z.string(),
});

/** One start as the directory shows it: the instant, in the meeting's zone and the viewer's. */
export const StartJson = z.strictObject({
  occurrenceId: z.string(),
  at: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  meeting: ZonedTimeJson,
  viewer: ZonedTimeJson,
});

export const LiveJson = z.strictObject({ now: z.boolean(), attendees: z.int().min(0) });

export const VenueJson = z.strictObject({
  name: nullableText,
  address: z.string(),
  city: z.string(),
  region: nullableText,
  postalCode: nullableText,
  country: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  notes: nullableText,
  wheelchairAccess: z.boolean(),
  formattedAddress: z.string(),
  directionsUrl: z.string().nullable(),
});

export const PlaceJson = z.strictObject({
  attendance: z.enum(ATTENDANCE_OPTIONS),
  approximatePlace: nullableText,
  regions: z.array(z.string()),
  venue: VenueJson.nullable(),
});

/** A directory item. Public: no passcode hash, conference details or member identities. */
export const DirectoryItemJson = z.strictObject({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  group: z.strictObject({ name: z.string(), slug: z.string() }),
  types: z.array(z.string()),
  languages: z.array(z.string()),
  timezone: z.string(),
  durationMinutes: z.int(),
  hasPasscode: z.boolean(),
  waitingRoom: z.boolean(),
  online: z.boolean(),
  place: z.strictObject({
    attendance: z.enum(ATTENDANCE_OPTIONS),
    label: z.string(),
    directionsUrl: z.string().nullable(),
  }),
  nextStart: StartJson,
  live: LiveJson,
});

export const DirectoryJson = z.strictObject({
  items: z.array(DirectoryItemJson),
  inProgress: z.array(DirectoryItemJson),
  nextCursor: z.string().nullable(),
  window: z.strictObject({ from: z.iso.datetime(), to: z.iso.datetime() }).optional(),
  tz: z.string(),
});

/** The meeting page's public data: what anyone with the link may see. */
export const PublicMeetingJson = z.strictObject({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: nullableText,
  group: z.strictObject({ name: z.string(), slug: z.string() }),
  types: z.array(z.string()),
  languages: z.array(z.string()),
  timezone: z.string(),
  schedule: z.strictObject({ days: z.array(z.int().min(0).max(6)), startTime: z.string(), durationMinutes: z.int() }),
  visibility: z.enum(["public", "unlisted"]),
  status: z.enum(["active", "archived"]),
  hasPasscode: z.boolean(),
  /** How a newcomer gets the passcode: shown on the meeting page, after a host admits them, or by asking the secretaries. */
  passcodeAccess: z.enum(PASSCODE_ACCESS),
  /** The passcode itself: only on the meeting page of a `shown` meeting. */
  passcode: z.string().optional(),
  waitingRoom: z.boolean(),
  capacity: z.int().nullable(),
  chatRetention: z.enum(["end", "24h", "7d"]),
  /** Whether latecomers read the chat from before they arrived. */
  latecomerChat: z.boolean(),
  online: z.boolean(),
  seventhTradition: z.strictObject({
    venmo: nullableText,
    paypal: nullableText,
    square: nullableText,
    homegroupOnline: nullableText,
    stripe: nullableText,
  }),
  place: PlaceJson,
  updatedAt: z.iso.datetime(),
});

/** What the group's secretaries and admins see: the public data plus the conference details. */
export const PrivateMeetingJson = PublicMeetingJson.extend({
  groupId: z.string(),
  passcodeWeak: z.boolean(),
  /** The current passcode can be shown again on the dashboard (false: set before it was kept sealed). */
  passcodeSealed: z.boolean(),
  conference: z.strictObject({ url: nullableText, phone: nullableText, notes: nullableText }),
  slips: z.strictObject({ minMinutes: z.int(), autoConfirm: z.boolean() }),
  /** Who may speak in the room: everyone, after a raised hand, or hosts only. */
  floorMode: z.enum(["open", "raise_hand", "host_only"]),
});

/** A created or edited meeting; `passcode` only when one was just issued (shown once). */
export const MeetingWrittenJson = z.strictObject({ meeting: PrivateMeetingJson, passcode: z.string().optional() });

export const MeetingArchivedJson = z.strictObject({ id: z.string(), status: z.literal("archived") });

/** A meeting page: the meeting (private view for its editors) and its next occurrences. */
export const MeetingPageJson = z.strictObject({
  meeting: z.union([PrivateMeetingJson, PublicMeetingJson]),
  upcoming: z.array(StartJson.extend({ status: z.enum(["scheduled", "live", "cancelled"]), live: LiveJson })),
  tz: z.string(),
});

/** A group's meetings for its service members. */
export const GroupMeetingsJson = z.strictObject({ items: z.array(PublicMeetingJson.extend({ groupId: z.string() })) });
