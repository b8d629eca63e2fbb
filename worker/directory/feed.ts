import { endTimeOf } from "./schedule";

/** The meeting facts the Meeting Guide feed needs (never passcodes or conference links). */
export type FeedMeeting = {
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

/** One item of a code4recovery Meeting Guide feed. */
export type MeetingGuideItem = {
  name: string;
  slug: string;
  day: number | number[];
  time: string;
  end_time: string;
  timezone: string;
  types: string[];
  notes?: string;
  conference_url: string;
  conference_url_notes: string;
  group: string;
  updated: string;
  url: string;
  venmo?: string;
  paypal?: string;
  square?: string;
  homegroup_online?: string;
};

/** "YYYY-MM-DD HH:MM:SS" in UTC, the feed's `updated` format. */
export function feedTimestamp(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * Maps a meeting to a Meeting Guide item. `conference_url` is the meeting's public page here,
 * not the room itself: the room's gate (passcode, waiting room) stays in front of attendees,
 * so groups can list online meetings without handing bombers a direct link.
 */
export function toMeetingGuideItem(m: FeedMeeting, appOrigin: string): MeetingGuideItem {
  const page = `${appOrigin}/m/${m.slug}`;
  const item: MeetingGuideItem = {
    name: m.name.slice(0, 255),
    slug: m.slug,
    day: m.days.length === 1 ? (m.days[0] ?? 0) : [...m.days].sort(),
    time: m.startTime,
    end_time: endTimeOf(m.startTime, m.durationMinutes),
    timezone: m.timezone,
    types: [...m.types, ...m.languages],
    conference_url: page,
    conference_url_notes: "Join in the browser; no account needed.",
    group: m.groupName,
    updated: feedTimestamp(m.updatedAt),
    url: page,
  };
  if (m.description) item.notes = m.description;
  if (m.venmo) item.venmo = m.venmo;
  if (m.paypal) item.paypal = m.paypal;
  if (m.square) item.square = m.square;
  if (m.homegroupOnline) item.homegroup_online = m.homegroupOnline;
  return item;
}
