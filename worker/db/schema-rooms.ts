/** Drizzle mirror of migrations/0003_rooms.sql and 0006_meeting_bans.sql (hand-written migration; keep the two in step). */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { meetings, occurrences, users } from "./schema";

/** Bans a host made, one row each: the ban list (when, which occurrence) and whether it was lifted. */
export const meetingBans = sqliteTable(
  "meeting_bans",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    occurrenceId: text("occurrence_id").references(() => occurrences.id),
    createdByParticipant: text("created_by_participant").notNull(),
    createdByUser: text("created_by_user").references(() => users.id),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch('subsec') * 1000)`),
    liftedAt: integer("lifted_at"),
    liftedByUser: text("lifted_by_user").references(() => users.id),
  },
  (t) => [index("meeting_bans_meeting_idx").on(t.meetingId, t.createdAt)],
);
export type MeetingBan = typeof meetingBans.$inferSelect;

/** What an active ban matches: meeting-scoped hashes of the network or device key, or a user id. */
export const meetingBanKeys = sqliteTable(
  "meeting_ban_keys",
  {
    banId: text("ban_id")
      .notNull()
      .references(() => meetingBans.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    kind: text("kind", { enum: ["address", "device", "user"] }).notNull(),
    subject: text("subject").notNull(),
  },
  (t) => [
    uniqueIndex("meeting_ban_keys_subject_idx").on(t.meetingId, t.kind, t.subject),
    index("meeting_ban_keys_ban_idx").on(t.banId),
  ],
);
export type BanKeyKind = (typeof meetingBanKeys.$inferSelect)["kind"];

/** The moderation audit trail: ids, action and time only — never names or text. */
export const moderationAudit = sqliteTable(
  "moderation_audit",
  {
    id: text("id").primaryKey(),
    occurrenceId: text("occurrence_id")
      .notNull()
      .references(() => occurrences.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    actorParticipantId: text("actor_participant_id").notNull(),
    actorUserId: text("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    targetParticipantId: text("target_participant_id"),
    at: integer("at").notNull(),
  },
  (t) => [
    index("moderation_audit_occurrence_idx").on(t.occurrenceId, t.at),
    index("moderation_audit_meeting_idx").on(t.meetingId, t.at),
  ],
);
export type ModerationAuditRow = typeof moderationAudit.$inferSelect;
