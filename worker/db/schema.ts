/**
 * The D1 schema. Each table's row type sits beside it. Times are epoch milliseconds (UTC)
 * unless the column name says `_on` (a calendar date, YYYY-MM-DD) or `local_`.
 * Changes here go through `npm run db:generate`, and every generated SQL file is reviewed
 * (see README: table rebuilds silently drop ON DELETE CASCADE children on D1).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { OCCURRENCE_STATUSES, type OccurrenceStatus } from "#shared/occurrence-lifecycle";

const createdAt = () => integer("created_at").notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const groups = sqliteTable(
  "groups",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    timezone: text("timezone").notNull(),
    /** 1–12: the month the group's fiscal year starts. */
    fiscalYearStartMonth: integer("fiscal_year_start_month").notNull().default(1),
    currency: text("currency").notNull().default("USD"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("groups_slug_unique").on(t.slug)],
);
export type Group = typeof groups.$inferSelect;

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** HMAC-SHA256 of the normalized email, for lookup; the email itself is only stored encrypted. */
    emailHmac: text("email_hmac"),
    /** AES-GCM ciphertext (base64url, iv-prefixed) of the email; null once the user is erased. */
    emailEnc: text("email_enc"),
    displayName: text("display_name").notNull(),
    isPlatformAdmin: integer("is_platform_admin", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    /** Set when a user erased themselves; the row stays as an anonymous actor for the ledger. */
    erasedAt: integer("erased_at"),
  },
  (t) => [uniqueIndex("users_email_hmac_unique").on(t.emailHmac)],
);
export type User = typeof users.$inferSelect;

export const ROLES = ["secretary", "host", "treasurer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const serviceAssignments = sqliteTable(
  "service_assignments",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    role: text("role", { enum: ROLES }).notNull(),
    startsOn: text("starts_on").notNull(),
    /** Inclusive last day of service; null = open-ended. */
    endsOn: text("ends_on"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    index("service_assignments_user_idx").on(t.userId, t.groupId),
    index("service_assignments_group_idx").on(t.groupId, t.role),
  ],
);
export type ServiceAssignment = typeof serviceAssignments.$inferSelect;

/** How people attend a meeting (Meeting Guide `attendance_option`). */
export const ATTENDANCE_OPTIONS = ["online", "in_person", "hybrid"] as const;
export type AttendanceOption = (typeof ATTENDANCE_OPTIONS)[number];

/**
 * How a newcomer gets a passcode meeting's passcode: shown on the meeting page, shown in the room
 * once a host admits them from the waiting room, or asked of the group's secretaries by mail.
 */
export const PASSCODE_ACCESS = ["shown", "after_admit", "ask"] as const;
export type PasscodeAccess = (typeof PASSCODE_ACCESS)[number];

export const meetings = sqliteTable(
  "meetings",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    /** JSON array of Meeting Guide type codes; mirrored in meeting_tags for indexed filters. */
    types: text("types", { mode: "json" }).$type<string[]>().notNull(),
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull(),
    timezone: text("timezone").notNull(),
    /** JSON array of weekdays 0–6, Sunday = 0, in the meeting's zone. */
    days: text("days", { mode: "json" }).$type<number[]>().notNull(),
    /** "HH:MM", 24 h, local to the meeting's zone. */
    startTime: text("start_time").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    visibility: text("visibility", { enum: ["public", "unlisted"] })
      .notNull()
      .default("public"),
    /** "pbkdf2-sha256$iterations$salt$hash" or null for no passcode. Never leaves the server. */
    passcodeHash: text("passcode_hash"),
    /** True when the passcode may be shorter than 6 characters (set before that minimum). */
    passcodeWeak: integer("passcode_weak", { mode: "boolean" }).notNull().default(false),
    /** How a newcomer gets the passcode (migration 0015): see PASSCODE_ACCESS. */
    passcodeAccess: text("passcode_access", { enum: PASSCODE_ACCESS }).notNull().default("ask"),
    /** The passcode sealed for its secretaries (AES-GCM); null for meetings set before 0015. Never public except `shown`. */
    passcodeEnc: text("passcode_enc"),
    waitingRoom: integer("waiting_room", { mode: "boolean" }).notNull().default(false),
    /** Latecomers see the chat from before they were admitted (off: their welcome carries none). */
    latecomerChat: integer("latecomer_chat", { mode: "boolean" }).notNull().default(false),
    capacity: integer("capacity"),
    chatRetention: text("chat_retention", { enum: ["end", "24h", "7d"] })
      .notNull()
      .default("end"),
    conferenceUrl: text("conference_url"),
    conferencePhone: text("conference_phone"),
    conferenceNotes: text("conference_notes"),
    /** Attendance slips: minutes of presence before an attendee may ask for one (0–240). */
    slipMinMinutes: integer("slip_min_minutes").notNull().default(45),
    /** Attendance slips: the room confirms requests itself instead of waiting for a host. */
    slipAutoConfirm: integer("slip_auto_confirm", { mode: "boolean" }).notNull().default(false),
    /** Voice: the floor mode the room starts in (hosts switch it live). */
    floorMode: text("floor_mode", { enum: ["open", "raise_hand", "host_only"] })
      .notNull()
      .default("open"),
    venmo: text("venmo"),
    paypal: text("paypal"),
    square: text("square"),
    homegroupOnline: text("homegroup_online"),
    status: text("status", { enum: ["active", "archived"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
    // Places (migration 0010, hand-written).
    attendanceOption: text("attendance_option", { enum: ATTENDANCE_OPTIONS }).notNull().default("online"),
    /** Online meetings: a rough place such as "Chicago, IL, USA". */
    approximatePlace: text("approximate_place"),
    /** In-person and hybrid meetings: the venue. */
    locationName: text("location_name"),
    address: text("address"),
    city: text("city"),
    /** State, province or county of the venue. */
    region: text("region"),
    postalCode: text("postal_code"),
    country: text("country"),
    latitude: real("latitude"),
    longitude: real("longitude"),
    locationNotes: text("location_notes"),
    wheelchairAccess: integer("wheelchair_access", { mode: "boolean" }).notNull().default(false),
    /** Directory regions, broad to narrow (the feed's `regions`). */
    regions: text("regions", { mode: "json" }).$type<string[]>(),
    /** The slug this meeting had in the Meeting Guide feed it was imported from. */
    sourceSlug: text("source_slug"),
  },
  (t) => [
    uniqueIndex("meetings_slug_unique").on(t.slug),
    index("meetings_group_idx").on(t.groupId),
    index("meetings_status_visibility_idx").on(t.status, t.visibility),
    uniqueIndex("meetings_group_source_slug_idx").on(t.groupId, t.sourceSlug).where(sql`${t.sourceSlug} IS NOT NULL`),
  ],
);
export type Meeting = typeof meetings.$inferSelect;

/** One row per (meeting, type or language code): lets "all of these types" filters use an index. */
export const meetingTags = sqliteTable(
  "meeting_tags",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    kind: text("kind", { enum: ["type", "language"] }).notNull(),
    code: text("code").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.kind, t.code] }),
    index("meeting_tags_code_idx").on(t.kind, t.code, t.meetingId),
  ],
);

export { OCCURRENCE_STATUSES, type OccurrenceStatus };

export const occurrences = sqliteTable(
  "occurrences",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    /** The schedule slot this occurrence fills ("YYYY-MM-DD" in the meeting's zone). */
    localDate: text("local_date").notNull(),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    status: text("status", { enum: OCCURRENCE_STATUSES }).notNull().default("scheduled"),
    /** 1 when a secretary cancelled or moved it: re-materialization leaves it alone. */
    isException: integer("is_exception", { mode: "boolean" }).notNull().default(false),
    /** Live attendee count reported by the room (throttled), for the directory. */
    liveAttendees: integer("live_attendees").notNull().default(0),
    startedAt: integer("started_at"),
    endedAt: integer("ended_at"),
    /** When the room's chat storage was wiped by the purge job. */
    roomPurgedAt: integer("room_purged_at"),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("occurrences_slot_idx").on(t.meetingId, t.localDate),
    index("occurrences_starts_idx").on(t.startsAt),
    index("occurrences_meeting_starts_idx").on(t.meetingId, t.startsAt),
    index("occurrences_status_idx").on(t.status, t.endsAt),
    index("occurrences_window_idx").on(t.startsAt, t.status, t.meetingId),
    /** The purge job's two queries: ended or cancelled occurrences whose room is not wiped, or not archived, yet. */
    index("occurrences_unpurged_idx")
      .on(t.endsAt)
      .where(sql`${t.roomPurgedAt} IS NULL AND ${t.status} IN ('ended', 'cancelled')`),
    index("occurrences_unarchived_idx")
      .on(t.endsAt)
      .where(sql`${t.archived} = 0 AND ${t.status} IN ('ended', 'cancelled')`),
  ],
);
export type Occurrence = typeof occurrences.$inferSelect;

/** Magic sign-in links: only the SHA-256 of the token is stored; single use, 15 minutes. */
export const signInTokens = sqliteTable(
  "sign_in_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("sign_in_tokens_expires_idx").on(t.expiresAt)],
);

/** A chain of rotated refresh tokens from one sign-in. Revoking it ends every token of the chain. */
export const refreshFamilies = sqliteTable(
  "refresh_families",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    revokedReason: text("revoked_reason"),
    createdAt: createdAt(),
  },
  (t) => [index("refresh_families_user_idx").on(t.userId), index("refresh_families_expires_idx").on(t.expiresAt)],
);

export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    jti: text("jti").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => refreshFamilies.id),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("refresh_tokens_family_idx").on(t.familyId)],
);

/** Development only: sign-in mail that would have been sent. `to` is encrypted like users.email_enc. */
export const devOutbox = sqliteTable(
  "dev_outbox",
  {
    id: text("id").primaryKey(),
    toEnc: text("to_enc").notNull(),
    subject: text("subject").notNull(),
    url: text("url").notNull(),
    sentAt: integer("sent_at").notNull(),
  },
  (t) => [index("dev_outbox_sent_idx").on(t.sentAt)],
);
