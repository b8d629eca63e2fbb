import type { Occurrence } from "../db/schema";

/** An occurrence as the API shows it: instants as ISO strings, nothing internal. */
export function occurrenceView(o: Occurrence) {
  return {
    id: o.id,
    startsAt: new Date(o.startsAt).toISOString(),
    endsAt: new Date(o.endsAt).toISOString(),
    status: o.status,
    localDate: o.localDate,
    isException: o.isException,
  };
}
