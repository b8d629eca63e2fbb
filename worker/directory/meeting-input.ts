import { FLOOR_MODES } from "#shared/voice-protocol";
import { MAX_SLIP_MIN_MINUTES } from "../slips/slip-rules";
import { z } from "zod";
import { PASSCODE_ACCESS } from "../db/schema";
import { isLanguageCode, isTypeCode } from "#shared/meeting-codes";
import { placeSchema } from "./place";
import { isValidZone } from "./zones";

/** The shortest passcode a secretary may set; `randomPasscode` issues exactly this many digits. */
export const MIN_PASSCODE_CHARS = 6;

const handle = z.string().trim().min(1).max(100).regex(/^\S+$/, "No spaces");

export const scheduleSchema = z.strictObject({
  days: z
    .array(z.int().min(0, "0 (Sunday) to 6 (Saturday)").max(6, "0 (Sunday) to 6 (Saturday)"))
    .min(1)
    .max(7)
    .refine((d) => new Set(d).size === d.length, "Days must not repeat"),
  startTime: z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'A 24-hour local time "HH:MM"'),
  durationMinutes: z.int().min(15).max(600),
});

const conferenceSchema = z.strictObject({
  url: z
    .url({ protocol: /^https$/ })
    .max(500)
    .nullable()
    .optional(),
  phone: z
    .string()
    .regex(/^[0-9+,*# ]{3,64}$/, "Digits and + , * # only")
    .nullable()
    .optional(),
  notes: z.string().max(500).nullable().optional(),
});

const seventhTraditionSchema = z.strictObject({
  venmo: handle.nullable().optional(),
  paypal: handle.nullable().optional(),
  square: handle.nullable().optional(),
  homegroupOnline: handle.nullable().optional(),
});

const fields = {
  name: z.string().trim().min(1).max(255),
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "Lowercase letters, digits and dashes, at most 64")
    .optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  types: z.array(z.string().refine(isTypeCode, "Unknown Meeting Guide type code")).max(20),
  languages: z.array(z.string().refine(isLanguageCode, "Unknown Meeting Guide language code")).min(1).max(5),
  timezone: z.string().refine(isValidZone, "Not an IANA time zone (e.g. America/Chicago)"),
  schedule: scheduleSchema,
  visibility: z.enum(["public", "unlisted"]),
  /** New passcodes are at least 6 characters (older, shorter ones keep working and show as weak). */
  passcode: z.string().min(MIN_PASSCODE_CHARS).max(64).nullable().optional(),
  rotatePasscode: z.boolean().optional(),
  /** How a newcomer gets the passcode: on the meeting page, in the room once admitted (needs the waiting room), or by asking the secretaries. */
  passcodeAccess: z.enum(PASSCODE_ACCESS),
  waitingRoom: z.boolean(),
  /** Latecomers see the chat from before they arrived (default off). */
  latecomerChat: z.boolean(),
  capacity: z.int().min(2).max(1000).nullable().optional(),
  chatRetention: z.enum(["end", "24h", "7d"]),
  conference: conferenceSchema.optional(),
  seventhTradition: seventhTraditionSchema.optional(),
  place: placeSchema.optional(),
  /** Attendance slips: minutes of presence before one may be asked for, and whether the room confirms by itself. */
  slips: z.strictObject({ minMinutes: z.int().min(0).max(MAX_SLIP_MIN_MINUTES), autoConfirm: z.boolean() }).optional(),
  /** Voice: who may speak when the room opens (open mic, raise hand, hosts only); hosts switch it live. */
  floorMode: z.enum(FLOOR_MODES).optional(),
};

const onePasscodeChange = (v: { passcode?: string | null; rotatePasscode?: boolean }) =>
  !(v.passcode !== undefined && v.rotatePasscode);
const passcodeConflict = { message: "Send either passcode or rotatePasscode, not both", path: ["rotatePasscode"] };

/** `POST /api/meetings` body. Unknown keys are refused. */
export const meetingCreateSchema = z
  .strictObject({
    groupId: z.string().min(1).max(64),
    ...fields,
    visibility: fields.visibility.default("public"),
    waitingRoom: fields.waitingRoom.default(false),
    passcodeAccess: fields.passcodeAccess.default("ask"),
    latecomerChat: fields.latecomerChat.default(false),
    chatRetention: fields.chatRetention.default("end"),
    languages: fields.languages.default(["EN"]),
  })
  .refine(onePasscodeChange, passcodeConflict);
export type MeetingCreate = z.infer<typeof meetingCreateSchema>;

/** `PATCH /api/meetings/:id` body: any subset of the create fields except the group. */
export const meetingPatchSchema = z
  .strictObject({
    name: fields.name.optional(),
    slug: fields.slug,
    description: fields.description,
    types: fields.types.optional(),
    languages: fields.languages.optional(),
    timezone: fields.timezone.optional(),
    schedule: fields.schedule.optional(),
    visibility: fields.visibility.optional(),
    passcode: fields.passcode,
    rotatePasscode: fields.rotatePasscode,
    passcodeAccess: fields.passcodeAccess.optional(),
    waitingRoom: fields.waitingRoom.optional(),
    latecomerChat: fields.latecomerChat.optional(),
    capacity: fields.capacity,
    chatRetention: fields.chatRetention.optional(),
    conference: fields.conference,
    seventhTradition: fields.seventhTradition,
    place: fields.place,
    slips: fields.slips,
    floorMode: fields.floorMode,
  })
  .refine(onePasscodeChange, passcodeConflict);
export type MeetingPatch = z.infer<typeof meetingPatchSchema>;

/** A slug from a meeting name: lowercase ASCII words joined by dashes, at most 56 characters. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 56)
    .replace(/-+$/, "");
  return base || "meeting";
}

/** A random 6-digit passcode for `rotatePasscode` (uniform, from the platform CSPRNG). */
export function randomPasscode(): string {
  const buf = new Uint32Array(1);
  // Rejection sampling keeps every code equally likely.
  do crypto.getRandomValues(buf);
  while ((buf[0] ?? 0) >= 4_294_000_000);
  return String((buf[0] ?? 0) % 1_000_000).padStart(6, "0");
}
