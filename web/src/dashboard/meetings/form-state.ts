import type { FloorMode } from "#shared/floor-modes";
import { DEFAULT_SLIP_MIN_MINUTES } from "#shared/slip-settings";

/** The meeting form's state and its mapping to and from the API body (plain, unit-tested). */

export type ChatRetention = "end" | "24h" | "7d";
export type PasscodeAccess = "shown" | "after_admit" | "ask";

export type MeetingFormState = {
  name: string;
  description: string;
  types: string[];
  language: string;
  timezone: string;
  days: number[];
  startTime: string;
  durationMinutes: string;
  visibility: "public" | "unlisted";
  waitingRoom: boolean;
  capacity: string;
  chatRetention: ChatRetention;
  passcode: string;
  passcodeAccess: PasscodeAccess;
  latecomerChat: boolean;
  /** Who may speak when the room opens (hosts switch it live). */
  floorMode: FloorMode;
  conferenceUrl: string;
  conferencePhone: string;
  conferenceNotes: string;
  venmo: string;
  paypal: string;
  square: string;
  homegroupOnline: string;
  attendance: Attendance;
  approximatePlace: string;
  venueName: string;
  address: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  latitude: string;
  longitude: string;
  locationNotes: string;
  wheelchairAccess: boolean;
  /** Directory regions, broad to narrow, comma-separated. */
  regions: string;
  /** Attendance slips: minutes of presence before one may be asked for (as typed), and whether the room confirms by itself. */
  slipMinMinutes: string;
  slipAutoConfirm: boolean;
};

export type Attendance = "online" | "in_person" | "hybrid";

/** The place as the API returns it. */
export type MeetingPlace = {
  attendance: Attendance;
  approximatePlace: string | null;
  regions: string[];
  venue: {
    name: string | null;
    address: string;
    city: string;
    region: string | null;
    postalCode: string | null;
    country: string;
    latitude: number | null;
    longitude: number | null;
    notes: string | null;
    wheelchairAccess: boolean;
  } | null;
};

/** What the form needs from a meeting the API returned. */
export type EditableMeeting = {
  name: string;
  description: string | null;
  types: string[];
  languages: string[];
  timezone: string;
  schedule: { days: number[]; startTime: string; durationMinutes: number };
  visibility: "public" | "unlisted";
  waitingRoom: boolean;
  capacity: number | null;
  chatRetention: ChatRetention;
  passcodeAccess: PasscodeAccess;
  latecomerChat: boolean;
  floorMode?: FloorMode;
  conference?: { url: string | null; phone: string | null; notes: string | null };
  seventhTradition: {
    venmo: string | null;
    paypal: string | null;
    square: string | null;
    homegroupOnline: string | null;
  };
  place?: MeetingPlace;
  slips?: { minMinutes: number; autoConfirm: boolean };
};

/** A blank meeting in the group's zone: Open discussion, weekly on Monday, 19:00, an hour. */
export function emptyMeeting(timezone: string): MeetingFormState {
  return {
    name: "",
    description: "",
    types: ["O", "D"],
    language: "EN",
    timezone,
    days: [1],
    startTime: "19:00",
    durationMinutes: "60",
    visibility: "public",
    waitingRoom: false,
    capacity: "",
    chatRetention: "end",
    passcode: "",
    passcodeAccess: "ask",
    latecomerChat: false,
    floorMode: "open",
    conferenceUrl: "",
    conferencePhone: "",
    conferenceNotes: "",
    venmo: "",
    paypal: "",
    square: "",
    homegroupOnline: "",
    attendance: "online",
    approximatePlace: "",
    venueName: "",
    address: "",
    city: "",
    region: "",
    postalCode: "",
    country: "",
    latitude: "",
    longitude: "",
    locationNotes: "",
    wheelchairAccess: false,
    regions: "",
    slipMinMinutes: String(DEFAULT_SLIP_MIN_MINUTES),
    slipAutoConfirm: false,
  };
}

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** The place fields of the form, from the API's place. */
function placeForm(p: MeetingPlace | undefined): Partial<MeetingFormState> {
  if (!p) return {};
  const v = p.venue;
  return {
    attendance: p.attendance,
    approximatePlace: text(p.approximatePlace),
    regions: p.regions.join(", "),
    venueName: text(v?.name),
    address: text(v?.address),
    city: text(v?.city),
    region: text(v?.region),
    postalCode: text(v?.postalCode),
    country: text(v?.country),
    latitude: text(v?.latitude),
    longitude: text(v?.longitude),
    locationNotes: text(v?.notes),
    wheelchairAccess: v?.wheelchairAccess ?? false,
  };
}

/** The form filled from an existing meeting. */
export function formFromMeeting(m: EditableMeeting): MeetingFormState {
  return {
    ...emptyMeeting(m.timezone),
    name: m.name,
    description: m.description ?? "",
    types: [...m.types],
    language: m.languages[0] ?? "EN",
    days: [...m.schedule.days],
    startTime: m.schedule.startTime,
    durationMinutes: String(m.schedule.durationMinutes),
    visibility: m.visibility,
    waitingRoom: m.waitingRoom,
    capacity: m.capacity === null ? "" : String(m.capacity),
    chatRetention: m.chatRetention,
    passcodeAccess: m.passcodeAccess,
    latecomerChat: m.latecomerChat,
    floorMode: m.floorMode ?? "open",
    conferenceUrl: m.conference?.url ?? "",
    conferencePhone: m.conference?.phone ?? "",
    conferenceNotes: m.conference?.notes ?? "",
    venmo: m.seventhTradition.venmo ?? "",
    paypal: m.seventhTradition.paypal ?? "",
    square: m.seventhTradition.square ?? "",
    homegroupOnline: m.seventhTradition.homegroupOnline ?? "",
    ...placeForm(m.place),
    slipMinMinutes: String(m.slips?.minMinutes ?? DEFAULT_SLIP_MIN_MINUTES),
    slipAutoConfirm: m.slips?.autoConfirm ?? false,
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());
const numberOrNull = (s: string) => (s.trim() === "" ? null : Number(s));

/** The API's place: an approximate place for an online meeting, else the venue. */
export function placeBody(f: MeetingFormState) {
  const regions = f.regions
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  if (f.attendance === "online")
    return { attendance: f.attendance, approximatePlace: orNull(f.approximatePlace), regions };
  return {
    attendance: f.attendance,
    regions,
    venue: {
      name: orNull(f.venueName),
      address: f.address.trim(),
      city: f.city.trim(),
      region: orNull(f.region),
      postalCode: orNull(f.postalCode),
      country: f.country.trim(),
      latitude: numberOrNull(f.latitude),
      longitude: numberOrNull(f.longitude),
      notes: orNull(f.locationNotes),
      wheelchairAccess: f.wheelchairAccess,
    },
  };
}

/**
 * The JSON body for create/edit. Empty optional fields become null (clearing them); numbers are
 * sent as numbers so the API's own validation names the field when one is wrong.
 */
export function meetingBody(f: MeetingFormState, mode: "create" | "edit") {
  const body = {
    name: f.name.trim(),
    description: orNull(f.description),
    types: f.types,
    languages: [f.language],
    timezone: f.timezone,
    schedule: { days: f.days, startTime: f.startTime, durationMinutes: Number(f.durationMinutes) },
    visibility: f.visibility,
    waitingRoom: f.waitingRoom,
    capacity: f.capacity.trim() === "" ? null : Number(f.capacity),
    chatRetention: f.chatRetention,
    passcodeAccess: f.passcodeAccess,
    latecomerChat: f.latecomerChat,
    floorMode: f.floorMode,
    conference: { url: orNull(f.conferenceUrl), phone: orNull(f.conferencePhone), notes: orNull(f.conferenceNotes) },
    seventhTradition: {
      venmo: orNull(f.venmo),
      paypal: orNull(f.paypal),
      square: orNull(f.square),
      homegroupOnline: orNull(f.homegroupOnline),
    },
    place: placeBody(f),
    slips: { minMinutes: Number(f.slipMinMinutes.trim()), autoConfirm: f.slipAutoConfirm },
  };
  // The passcode is set here only when creating; an existing meeting rotates or removes it on its own.
  return mode === "create" && f.passcode.trim() !== "" ? { ...body, passcode: f.passcode.trim() } : body;
}
