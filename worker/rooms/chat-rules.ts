import type { ChatMode, RoomRole } from "./protocol";

/** A token bucket: `capacity` messages at once (the burst), refilled at `perSecond`. */
export type Bucket = { tokens: number; updatedAt: number };
export type BucketPolicy = { capacity: number; perSecond: number };

/** Chat: a burst of 5, then one message a second on average. */
export const CHAT_BUCKET: BucketPolicy = { capacity: 5, perSecond: 1 };
/** Hosts paste readings and announcements: a deeper bucket (40 at once, 20 a second). */
export const HOST_CHAT_BUCKET: BucketPolicy = { capacity: 40, perSecond: 20 };
/** Reactions are cheap to render but easy to flood: a burst of 10, two a second. */
export const REACTION_BUCKET: BucketPolicy = { capacity: 10, perSecond: 2 };

/**
 * Takes one token if there is one. Returns the new bucket and, when refused, how many
 * milliseconds until a token is available.
 */
export function takeToken(bucket: Bucket | undefined, now: number, policy: BucketPolicy): { ok: boolean; bucket: Bucket; retryInMs: number } {
  const start = bucket ?? { tokens: policy.capacity, updatedAt: now };
  const elapsed = Math.max(0, now - start.updatedAt) / 1000;
  const tokens = Math.min(policy.capacity, start.tokens + elapsed * policy.perSecond);
  if (tokens >= 1) return { ok: true, bucket: { tokens: tokens - 1, updatedAt: now }, retryInMs: 0 };
  return { ok: false, bucket: { tokens, updatedAt: now }, retryInMs: Math.ceil(((1 - tokens) / policy.perSecond) * 1000) };
}

export type ChatRefusal = { code: "chat_off" | "chat_hosts_only" | "muted"; message: string };

/**
 * May this participant post now? Modes: `everyone`; `hosts` (hosts only); `off` (nobody, hosts
 * included: "off" means the chat panel is quiet). A muted participant never posts.
 */
export function chatRefusal(sender: { role: RoomRole; muted: boolean }, mode: ChatMode): ChatRefusal | null {
  if (mode === "off") return { code: "chat_off", message: "Chat is off" };
  if (mode === "hosts" && sender.role !== "host") return { code: "chat_hosts_only", message: "Only hosts can chat right now" };
  if (sender.muted) return { code: "muted", message: "You are muted" };
  return null;
}

/** Words flagged for hosts by default; hosts can replace the list per room (`host.flagWords`). */
export const DEFAULT_FLAG_WORDS: readonly string[] = ["venmo me", "cashapp", "crypto", "onlyfans", "telegram"];
/** More links than this in one message looks like spam. */
export const MAX_LINKS_UNFLAGGED = 1;

const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|io|ru|xyz|ly|me|gg|co)\b/gi;

/** Counts URL-like tokens (bare domains included). */
export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

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

/** Display names: trimmed, 1–32 chars, no links; empty → "Guest". Returns null if not allowed. */
export function cleanDisplayName(raw: string | undefined, maxChars: number): string | null {
  const name = (raw ?? "").replace(/\s+/g, " ").trim();
  if (!name) return "Guest";
  if ([...name].length > maxChars) return null;
  if (countLinks(name) > 0 || /[<>]/.test(name)) return null;
  return name;
}
