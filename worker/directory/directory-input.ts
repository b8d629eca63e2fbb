import { z } from "zod";
import { ATTENDANCE_OPTIONS } from "../db/schema";
import { isLanguageCode, isTypeCode } from "#shared/meeting-codes";
import { TIMES_OF_DAY } from "./time-of-day";
import { isValidZone } from "./zones";

const instant = z.iso.datetime({ offset: true, message: "An ISO 8601 instant, e.g. 2026-11-21T18:00:00Z" });

/** `GET /api/meetings` query. */
export const directoryQuerySchema = z.object({
  day: z.coerce.number().int().min(0).max(6).optional(),
  timeOfDay: z.enum(TIMES_OF_DAY).optional(),
  types: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.string().refine(isTypeCode, "Unknown Meeting Guide type code")).max(10)),
  language: z.string().refine(isLanguageCode, "Unknown Meeting Guide language code").optional(),
  q: z.string().max(200).optional(),
  /** "online" and "in_person" include hybrid meetings. */
  attendance: z.enum(ATTENDANCE_OPTIONS).optional(),
  tz: z.string().refine(isValidZone, "Not an IANA time zone (e.g. Asia/Kolkata)").default("UTC"),
  from: instant.optional(),
  to: instant.optional(),
  inProgress: z.enum(["true", "false"]).optional(),
  /** One group's meetings only, by its slug (the room's end screen: "the group's next meeting"). */
  group: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "A group's slug, e.g. lakeside-home-group")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z
    .string()
    .regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/, "Use the nextCursor of the previous page")
    .optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

/** `?from=&to=&tz=` on occurrence lists and the meeting page. */
export const windowQuerySchema = z.object({
  from: instant.optional(),
  to: instant.optional(),
  tz: z.string().refine(isValidZone, "Not an IANA time zone (e.g. Asia/Kolkata)").default("UTC"),
});

/** Paging cursor of the directory: the last item's (start, occurrence id). */
export function encodeCursor(startsAt: number, occurrenceId: string): string {
  return `${startsAt}.${occurrenceId}`;
}

/** The (start, occurrence id) a cursor names; the query schema has already checked its shape. */
export function decodeCursor(cursor: string): { startsAt: number; occurrenceId: string } {
  const dot = cursor.indexOf(".");
  return { startsAt: Number(cursor.slice(0, dot)), occurrenceId: cursor.slice(dot + 1) };
}
