/** The meeting form's state and its mapping to and from the API body (plain, unit-tested). */

export type ChatRetention = "end" | "24h" | "7d";

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
  conferenceUrl: string;
  conferencePhone: string;
  conferenceNotes: string;
  venmo: string;
  paypal: string;
  square: string;
  homegroupOnline: string;
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
  conference?: { url: string | null; phone: string | null; notes: string | null };
  seventhTradition: { venmo: string | null; paypal: string | null; square: string | null; homegroupOnline: string | null };
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
    conferenceUrl: "",
    conferencePhone: "",
    conferenceNotes: "",
    venmo: "",
    paypal: "",
    square: "",
    homegroupOnline: "",
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
    conferenceUrl: m.conference?.url ?? "",
    conferencePhone: m.conference?.phone ?? "",
    conferenceNotes: m.conference?.notes ?? "",
    venmo: m.seventhTradition.venmo ?? "",
    paypal: m.seventhTradition.paypal ?? "",
    square: m.seventhTradition.square ?? "",
    homegroupOnline: m.seventhTradition.homegroupOnline ?? "",
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

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
    conference: { url: orNull(f.conferenceUrl), phone: orNull(f.conferencePhone), notes: orNull(f.conferenceNotes) },
    seventhTradition: { venmo: orNull(f.venmo), paypal: orNull(f.paypal), square: orNull(f.square), homegroupOnline: orNull(f.homegroupOnline) },
  };
  // The passcode is set here only when creating; an existing meeting rotates or removes it on its own.
  return mode === "create" && f.passcode.trim() !== "" ? { ...body, passcode: f.passcode.trim() } : body;
}
