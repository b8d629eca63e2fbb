import { describe, expect, it } from "vitest";
import { CHAT_BUCKET, chatRefusal, cleanDisplayName, countLinks, flagReasons, takeToken } from "./chat-rules";

describe("token bucket", () => {
  it("allows a burst, then refuses, then refills over time", () => {
    let bucket: ReturnType<typeof takeToken>["bucket"] | undefined;
    for (let i = 0; i < CHAT_BUCKET.capacity; i++) {
      const r = takeToken(bucket, 1000, CHAT_BUCKET);
      expect(r.ok).toBe(true);
      bucket = r.bucket;
    }
    const refused = takeToken(bucket, 1000, CHAT_BUCKET);
    expect(refused.ok).toBe(false);
    expect(refused.retryInMs).toBe(1000);
    expect(takeToken(refused.bucket, 2000, CHAT_BUCKET).ok).toBe(true);
  });

  it("never stores more than the burst capacity", () => {
    const r = takeToken({ tokens: 0, updatedAt: 0 }, 1_000_000, CHAT_BUCKET);
    expect(r.bucket.tokens).toBe(CHAT_BUCKET.capacity - 1);
  });
});

describe("chatRefusal", () => {
  const attendee = { role: "attendee" as const, muted: false };
  const host = { role: "host" as const, muted: false };
  it("lets everyone post in 'everyone' mode", () => {
    expect(chatRefusal(attendee, "everyone")).toBeNull();
  });
  it("lets only hosts post in 'hosts' mode", () => {
    expect(chatRefusal(attendee, "hosts")?.code).toBe("chat_hosts_only");
    expect(chatRefusal(host, "hosts")).toBeNull();
  });
  it("lets nobody post when chat is off", () => {
    expect(chatRefusal(host, "off")?.code).toBe("chat_off");
  });
  it("refuses muted participants", () => {
    expect(chatRefusal({ role: "attendee", muted: true }, "everyone")?.code).toBe("muted");
  });
});

describe("auto-flag", () => {
  it("counts links and bare domains", () => {
    expect(countLinks("see https://a.example/x and www.b.org and spam.ru")).toBe(3);
    expect(countLinks("no links here, just a sentence.")).toBe(0);
  });
  it("flags attendees' links and listed words, not hosts' links", () => {
    expect(flagReasons("visit https://x.io now https://y.io", "attendee", [])).toEqual(["link_spam"]);
    expect(flagReasons("the literature is at https://aa.org", "host", [])).toEqual([]);
    expect(flagReasons("Join my Telegram", "attendee", ["telegram"])).toEqual(["word:telegram"]);
    expect(flagReasons("Grateful today", "attendee", ["telegram"])).toEqual([]);
  });
});

describe("cleanDisplayName", () => {
  it("trims, defaults to Guest and refuses links and long names", () => {
    expect(cleanDisplayName("  Sam  ", 32)).toBe("Sam");
    expect(cleanDisplayName(undefined, 32)).toBe("Guest");
    expect(cleanDisplayName("   ", 32)).toBe("Guest");
    expect(cleanDisplayName("x".repeat(33), 32)).toBeNull();
    expect(cleanDisplayName("Sam https://spam.io", 32)).toBeNull();
  });
});
