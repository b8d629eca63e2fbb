/** Drizzle mirror of migrations/0003_rooms.sql (hand-written migration; keep the two in step). */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { meetings, occurrences, users } from "./schema";

/** Meeting-wide bans: by meeting-scoped fingerprint hash (anonymous) or by user id (signed in). */
export const roomBans = sqliteTable(
  "room_bans",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    kind: text("kind", { enum: ["fingerprint", "user"] }).notNull(),
    subject: text("subject").notNull(),
    occurrenceId: text("occurrence_id").references(() => occurrences.id),
    createdByParticipant: text("created_by_participant").notNull(),
    createdByUser: text("created_by_user").references(() => users.id),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex("room_bans_subject_idx").on(t.meetingId, t.kind, t.subject)],
);
export type RoomBan = typeof roomBans.$inferSelect;

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
  (t) => [index("moderation_audit_occurrence_idx").on(t.occurrenceId, t.at), index("moderation_audit_meeting_idx").on(t.meetingId, t.at)],
);
export type ModerationAuditRow = typeof moderationAudit.$inferSelect;
