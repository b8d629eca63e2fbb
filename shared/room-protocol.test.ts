import { describe, expect, it } from "vitest";
import { LIMITS, parseClientMessage, REACTIONS, ServerMessage } from "./room-protocol";

describe("parseClientMessage", () => {
  it("accepts valid frames and trims chat", () => {
    expect(parseClientMessage(JSON.stringify({ type: "chat.send", text: "  hi  " }))).toEqual({
      ok: true,
      message: { type: "chat.send", text: "hi" },
    });
    expect(parseClientMessage(JSON.stringify({ type: "host.timer", seconds: null }))).toMatchObject({ ok: true });
    expect(parseClientMessage(JSON.stringify({ type: "reaction", emoji: REACTIONS[0] }))).toMatchObject({ ok: true });
  });

  it("refuses binary, non-JSON, unknown types and out-of-range fields with a code", () => {
    expect(parseClientMessage(new ArrayBuffer(4))).toMatchObject({ ok: false, code: "invalid_message" });
    expect(parseClientMessage("{")).toMatchObject({ ok: false, code: "invalid_json" });
    expect(parseClientMessage(JSON.stringify({ type: "nope" }))).toMatchObject({ ok: false, code: "invalid_message" });
    expect(
      parseClientMessage(JSON.stringify({ type: "chat.send", text: "x".repeat(LIMITS.chatChars + 1) })),
    ).toMatchObject({ ok: false, code: "invalid_message" });
    expect(parseClientMessage(JSON.stringify({ type: "host.timer", seconds: 0 }))).toMatchObject({ ok: false });
    expect(
      parseClientMessage(
        JSON.stringify({ type: "host.rename", participantId: "p", name: "x".repeat(LIMITS.nameChars * 16 + 1) }),
      ),
    ).toMatchObject({ ok: false });
  });

  it("measures frames in UTF-8 bytes, not characters", () => {
    const emoji = "😊".repeat(LIMITS.frameBytes / 4 + 10); // 4 bytes each in UTF-8
    expect(parseClientMessage(JSON.stringify({ type: "chat.send", text: emoji }))).toMatchObject({
      ok: false,
      code: "frame_too_large",
    });
    expect(parseClientMessage(JSON.stringify({ type: "chat.send", text: "a".repeat(1000) }))).toMatchObject({
      ok: true,
    });
  });

  it("server frames validate against their own schema", () => {
    expect(ServerMessage.safeParse({ type: "removed", reason: "banned" }).success).toBe(true);
    expect(ServerMessage.safeParse({ type: "removed", reason: "bored" }).success).toBe(false);
  });
});
