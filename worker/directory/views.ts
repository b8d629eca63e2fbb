import type { z } from "zod";
import type { Meeting } from "../db/schema";
import type { DirectoryRow } from "./directory-query";
import { approximatePlaceOf, directionsUrl, formattedAddress, hasOnlineRoom, hasVenue, placeView } from "./place";
import type { DirectoryItemJson, PrivateMeetingJson, PublicMeetingJson, StartJson } from "./view-schemas";
import { describeInstant } from "./zones";

/** A start as the directory shows it: the instant, in the meeting's zone and the viewer's, each with its abbreviation. */
export function describeStart(
  occurrenceId: string,
  startsAt: number,
  endsAt: number,
  meetingZone: string,
  viewerZone: string,
): z.infer<typeof StartJson> {
  return {
    occurrenceId,
    at: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    meeting: describeInstant(startsAt, meetingZone),
    viewer: describeInstant(startsAt, viewerZone),
  };
}

/** The place line of a directory item: the venue and a directions link, or the approximate place. */
function directoryPlace(row: DirectoryRow) {
  const p = {
    address: row.address,
    city: row.city,
    region: row.region,
    postalCode: row.postal_code,
    country: row.country,
    latitude: row.latitude,
    longitude: row.longitude,
  };
  if (!hasVenue(row.attendance_option))
    return {
      attendance: row.attendance_option,
      label: approximatePlaceOf({ approximatePlace: row.approximate_place, timezone: row.timezone }),
      directionsUrl: null,
    };
  return {
    attendance: row.attendance_option,
    label: [row.location_name, formattedAddress(p)].filter(Boolean).join(" — "),
    directionsUrl: directionsUrl(p),
  };
}

/** A directory item. Public: no passcode hash, conference details or member identities. */
export function toDirectoryItem(row: DirectoryRow, viewerZone: string): z.infer<typeof DirectoryItemJson> {
  return {
    id: row.meeting_id,
    slug: row.slug,
    name: row.name,
    group: { name: row.group_name, slug: row.group_slug },
    types: JSON.parse(row.types) as string[],
    languages: JSON.parse(row.languages) as string[],
    timezone: row.timezone,
    durationMinutes: row.duration_minutes,
    hasPasscode: row.has_passcode === 1,
    waitingRoom: row.waiting_room === 1,
    online: hasOnlineRoom(row.attendance_option),
    place: directoryPlace(row),
    nextStart: describeStart(row.occurrence_id, row.starts_at, row.ends_at, row.timezone, viewerZone),
    live: { now: row.status === "live", attendees: row.status === "live" ? row.live_attendees : 0 },
  };
}
export type DirectoryItem = ReturnType<typeof toDirectoryItem>;

/** Seventh Tradition handles: public by design (they are in the Meeting Guide feed too). */
export function seventhTraditionOf(m: Meeting) {
  return { venmo: m.venmo, paypal: m.paypal, square: m.square, homegroupOnline: m.homegroupOnline };
}

/** The group as the public sees it; its Stripe Payment Link, when connected, is public by design. */
export type PublicGroup = { name: string; slug: string; paymentLink?: string | null };

/** The meeting page's public data: what anyone with the link may see. */
export function publicMeeting(m: Meeting, { paymentLink, ...group }: PublicGroup): z.infer<typeof PublicMeetingJson> {
  return {
    id: m.id,
    slug: m.slug,
    name: m.name,
    description: m.description,
    group,
    types: m.types,
    languages: m.languages,
    timezone: m.timezone,
    schedule: { days: m.days, startTime: m.startTime, durationMinutes: m.durationMinutes },
    visibility: m.visibility,
    status: m.status,
    hasPasscode: m.passcodeHash !== null,
    /** How a newcomer gets the passcode; the passcode itself is added only by `shownPasscode`. */
    passcodeAccess: m.passcodeAccess,
    waitingRoom: m.waitingRoom,
    capacity: m.capacity,
    chatRetention: m.chatRetention,
    latecomerChat: m.latecomerChat,
    online: hasOnlineRoom(m.attendanceOption),
    seventhTradition: { ...seventhTraditionOf(m), stripe: paymentLink ?? null },
    place: placeView(m),
    updatedAt: new Date(m.updatedAt).toISOString(),
  };
}

/** What the group's secretaries and admins see: the public data plus the conference details. */
export function privateMeeting(m: Meeting, group: PublicGroup): z.infer<typeof PrivateMeetingJson> {
  return {
    ...publicMeeting(m, group),
    groupId: m.groupId,
    /** The passcode may be shorter than 6 characters (set before that minimum): the dashboard says so. */
    passcodeWeak: m.passcodeHash !== null && m.passcodeWeak,
    /** The passcode can be shown again on the dashboard (false: set before it was kept sealed). */
    passcodeSealed: m.passcodeHash !== null && m.passcodeEnc !== null,
    conference: { url: m.conferenceUrl, phone: m.conferencePhone, notes: m.conferenceNotes },
    slips: { minMinutes: m.slipMinMinutes, autoConfirm: m.slipAutoConfirm },
    floorMode: m.floorMode,
  };
}

/**
 * The passcode the meeting page shows: only for a meeting whose secretary chose `shown`. Every
 * other public view (directory, feeds, ICS) never carries it.
 */
export async function shownPasscode(
  m: Meeting,
  open: (sealed: string | null) => Promise<string | null>,
): Promise<{ passcode?: string }> {
  if (m.passcodeAccess !== "shown" || m.passcodeHash === null) return {};
  const passcode = await open(m.passcodeEnc);
  return passcode === null ? {} : { passcode };
}
