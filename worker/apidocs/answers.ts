import { z } from "zod";
import { ROLES } from "../db/schema";

/**
 * Answers of the routes whose feature has no module of its own to hold them (sign-in, groups and
 * their service rotation, plain acknowledgements). Strict, like every full shape in the document.
 */

/** A plain acknowledgement. */
export const OkJson = z.strictObject({ ok: z.literal(true) });

/** `POST /api/auth/magic-link`: the same sentence whether or not the address is known. */
export const SignInRequestedJson = z.strictObject({ ok: z.literal(true), message: z.string() });

/** Access (15 min) and refresh (7 d, rotating) tokens for API clients; `expiresIn` in seconds. */
export const SessionTokensJson = z.strictObject({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.int(),
});

export const ErasedJson = z.strictObject({ ok: z.literal(true), erased: z.literal(true) });

const date = z.iso.date();
const groupFields = {
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  timezone: z.string(),
  fiscalYearStartMonth: z.int().min(1).max(12),
  currency: z.string(),
};

/** A group's settings as stored. */
export const GroupJson = z.strictObject({ group: z.strictObject({ ...groupFields, createdAt: z.number() }) });

/** A service assignment: who serves in which role, from when, until when (null: open-ended). */
const Assignment = z.strictObject({
  id: z.string(),
  userId: z.string(),
  role: z.enum(ROLES),
  startsOn: date,
  endsOn: date.nullable(),
});

/** A new group and its first admin (the platform admin who created it). */
export const GroupCreatedJson = z.strictObject({ group: z.strictObject(groupFields), assignment: Assignment });
export const AssignmentJson = z.strictObject({ assignment: Assignment });
export const AssignmentEndedJson = z.strictObject({ assignment: Assignment.omit({ userId: true }) });
/** Service assignments, current and past: names and roles, never emails. */
export const MembersJson = z.strictObject({
  items: z.array(Assignment.extend({ displayName: z.string(), active: z.boolean() })),
});
