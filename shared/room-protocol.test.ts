import { describe, expect, it } from "vitest";
import { LIMITS, parseClientMessage, REACTIONS, requestIdOf, ServerMessage } from "./room-protocol";

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

  it("a voice frame's request id is bounded, and an invalid frame's readable id is kept for its refusal", () => {
    expect(parseClientMessage(JSON.stringify({ type: "voice.mute", requestId: "p.1.2" }))).toEqual({
      ok: true,
      message: { type: "voice.mute", requestId: "p.1.2" },
    });
    expect(parseClientMessage(JSON.stringify({ type: "voice.mute", requestId: "x".repeat(33) }))).toEqual({
      ok: false,
      code: "invalid_message",
      message: expect.stringContaining("requestId"),
    });
    expect(parseClientMessage(JSON.stringify({ type: "voice.unmute", sdp: "", mid: "0", requestId: "p.1.3" }))).toEqual(
      {
        ok: false,
        code: "invalid_message",
        message: expect.any(String),
        requestId: "p.1.3",
      },
    );
    expect(requestIdOf({ requestId: 7 })).toBeUndefined();
    expect(requestIdOf(null)).toBeUndefined();
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
