import type { ChatMessage, Flag, Report } from "#shared/room-protocol";

/** One message in the host's queue, however many times it was reported and whether the filter flagged it. */
export type QueueItem = {
  message: ChatMessage;
  /** How many reports (one per reporter); 0 when only the filter flagged it. */
  reportCount: number;
  /** The reasons reporters typed, without repeats or blanks. */
  reasons: string[];
  /** What the word filter matched, or an empty list. */
  flagReasons: string[];
  /** When it first reached the queue: the queue reads oldest first. */
  at: number;
};

/**
 * The host's queue: one item per message, keeping every reason. Reports and the filter's flags
 * arrive as two lists, and one message may be in both, or reported by several people; messages
 * already deleted are left out.
 */
export function reportQueue(
  chat: readonly ChatMessage[],
  reports: readonly Report[],
  flags: readonly Flag[],
): QueueItem[] {
  const byId = new Map(chat.map((m) => [m.id, m]));
  const items = new Map<string, QueueItem>();
  const itemFor = (messageId: string, at: number): QueueItem | null => {
    const message = byId.get(messageId);
    if (!message) return null;
    const item = items.get(messageId) ?? { message, reportCount: 0, reasons: [], flagReasons: [], at };
    item.at = Math.min(item.at, at);
    items.set(messageId, item);
    return item;
  };
  const reporters = new Set<string>();
  for (const r of reports) {
    const item = itemFor(r.messageId, r.at);
    if (!item) continue;
    const once = `${r.messageId}\u0000${r.reporterId}`;
    if (!reporters.has(once)) item.reportCount += 1;
    reporters.add(once);
    if (r.reason && !item.reasons.includes(r.reason)) item.reasons.push(r.reason);
  }
  for (const f of flags) {
    const item = itemFor(f.messageId, f.at);
    if (!item) continue;
    for (const reason of f.reasons) if (!item.flagReasons.includes(reason)) item.flagReasons.push(reason);
  }
  return [...items.values()].sort((a, b) => a.at - b.at);
}
