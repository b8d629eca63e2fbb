/**
 * Chat retention: messages live only in the room's storage, for as long as the meeting's policy
 * says, and the room's alarm deletes them. `end` keeps chat until the meeting ends; `24h`/`7d`
 * keep each message that long after it was sent (even past the end).
 */
export type ChatRetention = "end" | "24h" | "7d";

/**
 * How long chat is kept, per policy: after each message in the room, and after the room's end in
 * the purge cron (which wipes the room's storage). The one definition of these periods.
 */
export const CHAT_KEEP_MS: Record<ChatRetention, number> = { end: 0, "24h": 24 * 3600_000, "7d": 7 * 24 * 3600_000 };

/** Messages sent before this instant must be gone now (null: nothing is due yet). */
export function chatCutoff(retention: ChatRetention, now: number, endedAt: number | null): number | null {
  if (retention === "end") return endedAt !== null && endedAt <= now ? Number.POSITIVE_INFINITY : null;
  return now - CHAT_KEEP_MS[retention];
}

/** When the room must next wake to purge, given its oldest stored message (null: no wake needed). */
export function nextPurgeAt(
  retention: ChatRetention,
  oldestMessageAt: number | null,
  endedAt: number | null,
): number | null {
  if (oldestMessageAt === null) return null;
  if (retention === "end") return endedAt;
  return oldestMessageAt + CHAT_KEEP_MS[retention];
}

/** Is this message still within retention (welcome frames only carry those)? */
export function isRetained(retention: ChatRetention, messageAt: number, now: number, endedAt: number | null): boolean {
  const cutoff = chatCutoff(retention, now, endedAt);
  return cutoff === null || messageAt >= cutoff;
}

/**
 * The earliest message a welcome frame carries: what retention still keeps and, unless the meeting
 * lets latecomers read back (`latecomerChat`), nothing from before this attendee was admitted.
 * Hosts always get what is kept: they moderate it.
 */
export function welcomeChatSince(
  cutoff: number | null,
  latecomerChat: boolean,
  self: { role: "host" | "attendee"; admittedAt: number | null },
): number {
  const kept = cutoff === null ? 0 : Math.min(cutoff, Number.MAX_SAFE_INTEGER);
  if (latecomerChat || self.role === "host" || self.admittedAt === null) return kept;
  return Math.max(kept, self.admittedAt);
}
