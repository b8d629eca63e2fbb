import { describe, expect, it } from "vitest";
import { row } from "../../test/room-rows";
import { type ChatRoom, deleteChat, dismissReport, report, sendChat } from "./chat-actions";

const open: ChatRoom = { chatMode: "everyone", flagWords: ["telegram"], hasMessages: true };
const fresh = { id: "msg_1", at: 5_000 };

describe("chat decides, the room applies", () => {
  it("a message is delivered first, then kept; nothing is flagged or asked of the alarm when there is no need", () => {
    const e = sendChat(row("a", { name: "Alex" }), "Hello", open, fresh);
    const message = { id: "msg_1", participantId: "a", name: "Alex", text: "Hello", at: 5_000 };
    expect(e).toEqual({
      broadcast: [{ audience: "admitted", message: { type: "chat.message", message } }],
      records: [{ kind: "message", message }],
    });
  });

  it("a flagged message is still delivered, and its flag reaches the hosts' list after it is kept", () => {
    const e = sendChat(row("a"), "find me on Telegram", open, fresh);
    expect(e).toMatchObject({
      records: [
        { kind: "message" },
        { kind: "flag", flag: { messageId: "msg_1", participantId: "a", reasons: ["word:telegram"], at: 5_000 } },
      ],
      hostQueues: ["flags"],
    });
  });

  it("the first message in an empty room asks for the alarm (its purge time)", () => {
    expect(sendChat(row("a"), "first", { ...open, hasMessages: false }, fresh)).toMatchObject({ alarm: true });
  });

  it("chat off, hosts-only chat and a muted sender are refused (nothing happens)", () => {
    expect(sendChat(row("h", { role: "host" }), "x", { ...open, chatMode: "off" }, fresh)).toMatchObject({
      code: "chat_off",
    });
    expect(sendChat(row("a"), "x", { ...open, chatMode: "hosts" }, fresh)).toMatchObject({ code: "chat_hosts_only" });
    expect(sendChat(row("a", { muted: true }), "x", open, fresh)).toMatchObject({ code: "muted" });
  });

  it("deleting is told to the room, then done; a host's delete is audited against the author, an author's own is not", () => {
    const message = { id: "msg_1", participantId: "a", name: "a", text: "t", at: 1 };
    expect(deleteChat(row("h", { role: "host" }), message)).toEqual({
      broadcast: [{ audience: "admitted", message: { type: "chat.deleted", messageId: "msg_1" } }],
      records: [{ kind: "deleteMessage", messageId: "msg_1" }],
      audit: [{ action: "deleteMessage", targetId: "a" }],
    });
    expect(deleteChat(row("a"), message)).not.toHaveProperty("audit");
    expect(deleteChat(row("a"), null)).toMatchObject({ code: "not_found" });
  });

  it("a report is kept and the hosts see the queue again; a report of nothing is not_found", () => {
    const message = { id: "msg_1", participantId: "a", name: "a", text: "t", at: 1 };
    expect(report(row("b"), message, "spam", { id: "rep_1", at: 9 }, false)).toEqual({
      records: [
        { kind: "report", report: { id: "rep_1", messageId: "msg_1", reporterId: "b", reason: "spam", at: 9 } },
      ],
      hostQueues: ["reports"],
    });
    expect(report(row("b"), null, "spam", { id: "rep_1", at: 9 }, false)).toMatchObject({ code: "not_found" });
  });

  it("a second report of the same message by the same person changes nothing", () => {
    const message = { id: "msg_1", participantId: "a", name: "a", text: "t", at: 1 };
    expect(report(row("b"), message, "spam", { id: "rep_2", at: 10 }, true)).toEqual({});
  });

  it("dismissing clears the message's reports and flag, re-sends both lists to hosts, and is audited against the author", () => {
    const message = { id: "msg_1", participantId: "a", name: "a", text: "t", at: 1 };
    expect(dismissReport("msg_1", message, true)).toEqual({
      records: [{ kind: "dismissFromQueue", messageId: "msg_1" }],
      hostQueues: ["reports", "flags"],
      audit: [{ action: "dismissReport", targetId: "a" }],
    });
    expect(dismissReport("msg_1", message, false)).toMatchObject({ code: "not_found" });
  });
});
