import { countLinks } from "#shared/links";
import type { ChatMode, RoomRole } from "#shared/room-protocol";

import type { Refusal } from "#shared/room-refusals";

export type ChatRefusal = Refusal & { code: "chat_off" | "chat_hosts_only" | "muted" };

/**
 * May this participant post now? Modes: `everyone`; `hosts` (hosts only); `off` (nobody, hosts
 * included: "off" means the chat panel is quiet). A muted participant never posts.
 */
export function chatRefusal(sender: { role: RoomRole; muted: boolean }, mode: ChatMode): ChatRefusal | null {
  if (mode === "off") return { code: "chat_off", message: "Chat is off" };
  if (mode === "hosts" && sender.role !== "host")
    return { code: "chat_hosts_only", message: "Only hosts can chat right now" };
  if (sender.muted) return { code: "muted", message: "You are muted" };
  return null;
}

/** Words flagged for hosts by default; hosts can replace the list per room (`host.flagWords`). */
export const DEFAULT_FLAG_WORDS: readonly string[] = ["venmo me", "cashapp", "crypto", "onlyfans", "telegram"];
/** More links than this in one message looks like spam. */
export const MAX_LINKS_UNFLAGGED = 1;

/**
 * Why a message should be flagged for the hosts (empty: it should not). Flags never block:
 * the message is delivered and hosts decide. Attendees' links are flagged; hosts' are not.
 */
export function flagReasons(text: string, role: RoomRole, words: readonly string[]): string[] {
  const reasons: string[] = [];
  const links = countLinks(text);
  if (role !== "host" && links > 0) reasons.push(links > MAX_LINKS_UNFLAGGED ? "link_spam" : "link");
  const lower = text.toLowerCase();
  for (const word of words) if (word && lower.includes(word.toLowerCase())) reasons.push(`word:${word}`);
  return reasons;
}
