import { describe, expect, it } from "vitest";
import { chatRefusal, flagReasons } from "./chat-rules";

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
  it("flags attendees' links and listed words, not hosts' links", () => {
    expect(flagReasons("visit https://x.io now https://y.io", "attendee", [])).toEqual(["link_spam"]);
    expect(flagReasons("the literature is at https://aa.org", "host", [])).toEqual([]);
    expect(flagReasons("Join my Telegram", "attendee", ["telegram"])).toEqual(["word:telegram"]);
    expect(flagReasons("Grateful today", "attendee", ["telegram"])).toEqual([]);
  });
});
