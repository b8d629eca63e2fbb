import type { Role } from "../db/schema";

/** Who is making a request. Attendees are never users: they hold a room ticket at most. */
export type Principal =
  | { kind: "anonymous" }
  | { kind: "user"; userId: string; isPlatformAdmin: boolean; familyId: string }
  | { kind: "participant"; occurrenceId: string; participantId: string; role: "host" | "attendee" };

export const ANONYMOUS: Principal = { kind: "anonymous" };

/** A user's currently effective role in one group (ended or future assignments grant nothing). */
export type Membership = { groupId: string; role: Role };
