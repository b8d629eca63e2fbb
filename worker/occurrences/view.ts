import { z } from "zod";
import { type Occurrence, OCCURRENCE_STATUSES } from "../db/schema";

/** An occurrence as the API shows it: instants as ISO strings, nothing internal. */
export const OccurrenceJson = z.strictObject({
  id: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  status: z.enum(OCCURRENCE_STATUSES),
  localDate: z.iso.date(),
  isException: z.boolean(),
});
export type OccurrenceJson = z.infer<typeof OccurrenceJson>;

/** The answer of a lifecycle change (start, end, cancel, move): the occurrence and its meeting. */
export const OccurrenceChangedJson = z.strictObject({ occurrence: OccurrenceJson.extend({ meetingId: z.string() }) });

export const OccurrenceListJson = z.strictObject({ items: z.array(OccurrenceJson) });

export function occurrenceView(o: Occurrence): OccurrenceJson {
  return {
    id: o.id,
    startsAt: new Date(o.startsAt).toISOString(),
    endsAt: new Date(o.endsAt).toISOString(),
    status: o.status,
    localDate: o.localDate,
    isException: o.isException,
  };
}
