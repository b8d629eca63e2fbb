import { describe, expect, it } from "vitest";
import type { ChatMessage } from "#shared/room-protocol";
import { reportQueue } from "./report-queue";

const line = (id: string, at: number): ChatMessage => ({
  id,
  participantId: `p_${id}`,
  name: `Sam ${id}`,
  text: `text ${id}`,
  at,
});
const chat = [line("m1", 1), line("m2", 2)];

describe("the host's report queue", () => {
  it("shows a message that is both reported and auto-flagged once, with both reasons", () => {
    const queue = reportQueue(
      chat,
      [{ id: "r1", messageId: "m1", reporterId: "p_a", reason: "rude", at: 20 }],
      [{ messageId: "m1", participantId: "p_m1", reasons: ["word:idiot"], at: 10 }],
    );
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ reportCount: 1, reasons: ["rude"], flagReasons: ["word:idiot"], at: 10 });
    expect(queue[0]?.message.id).toBe("m1");
  });
  it("counts each reporter once and keeps every distinct reason", () => {
    const reports = [
      { id: "r1", messageId: "m2", reporterId: "p_a", reason: "spam", at: 5 },
      { id: "r2", messageId: "m2", reporterId: "p_a", reason: "spam", at: 6 },
      { id: "r3", messageId: "m2", reporterId: "p_b", reason: "", at: 7 },
      { id: "r4", messageId: "m2", reporterId: "p_c", reason: "phone number", at: 8 },
    ];
    expect(reportQueue(chat, reports, [])).toEqual([
      { message: chat[1], reportCount: 3, reasons: ["spam", "phone number"], flagReasons: [], at: 5 },
    ]);
  });
  it("leaves out deleted messages and reads oldest first", () => {
    const queue = reportQueue(
      chat,
      [
        { id: "r1", messageId: "m2", reporterId: "p_a", reason: "", at: 3 },
        { id: "r2", messageId: "gone", reporterId: "p_a", reason: "", at: 1 },
      ],
      [{ messageId: "m1", participantId: "p_m1", reasons: ["link"], at: 4 }],
    );
    expect(queue.map((i) => i.message.id)).toEqual(["m2", "m1"]);
  });
});
