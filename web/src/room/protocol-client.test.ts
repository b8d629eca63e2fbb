import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CHAT_MODES, LIMITS, REACTIONS, ServerMessage } from "#shared/room-protocol";
import { type JsonSchema, matches, SUPPORTED_KEYWORDS } from "./frame-check";

const FILE = resolve(import.meta.dirname, "protocol.generated.json");
const generated = {
  limits: LIMITS,
  reactions: REACTIONS,
  chatModes: CHAT_MODES,
  serverMessage: z.toJSONSchema(ServerMessage, { io: "output" }),
};
if (process.env.UPDATE_PROTOCOL_JSON === "1") writeFileSync(FILE, `${JSON.stringify(generated)}\n`);
const file = JSON.parse(readFileSync(FILE, "utf8")) as typeof generated;
const committed = file.serverMessage as JsonSchema;

function keywords(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) keywords(n, into);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      into.add(key);
      if (key === "properties") for (const v of Object.values(value as object)) keywords(v, into);
      else keywords(value, into);
    }
  }
  return into;
}

const participant = { id: "p_1", name: "Ana", role: "attendee", muted: false, canSelfUnmute: false };
const state = { locked: false, chatMode: "everyone", timer: null, hands: [] };
const chat = { id: "msg_1", participantId: "p_1", name: "Ana", text: "hello", at: 1 };
const frames: unknown[] = [
  { type: "welcome", self: participant, roster: [participant], state, chat: [chat], conference: null },
  {
    type: "welcome",
    self: participant,
    roster: [],
    state: { ...state, timer: { endsAt: 5, seconds: 60 } },
    chat: [],
    conference: { url: "https://x.test", phone: null, notes: null },
  },
  { type: "waiting", message: "Welcome" },
  { type: "admitted" },
  {
    type: "roster",
    changes: [
      { op: "upsert", participant },
      { op: "remove", participantId: "p_2" },
    ],
  },
  { type: "chat.message", message: chat },
  { type: "chat.message", message: { ...chat, extra: "ignored, as zod strips it" } },
  { type: "moderation", action: "mute", participantId: "p_1" },
  { type: "moderation", action: "muteAll", participantId: null },
  { type: "reaction", participantId: "p_1", emoji: "👏" },
  { type: "timer", endsAt: null, seconds: null, ended: true },
  { type: "removed", reason: "banned" },
  { type: "ended", reason: "host" },
  { type: "rtc.signal", from: "p_1", data: { sdp: "x", n: 1 } },
  // Invalid ones:
  { type: "nope" },
  { type: "waiting" },
  { type: "chat.message", message: { ...chat, id: "" } },
  { type: "chat.message", message: { ...chat, at: "1" } },
  { type: "moderation", action: "explode", participantId: null },
  { type: "reaction", participantId: "p_1", emoji: "🔥" },
  { type: "roster", changes: [{ op: "upsert", participant: { ...participant, role: "admin" } }] },
  {
    type: "welcome",
    self: participant,
    roster: [participant],
    state: { ...state, chatMode: "all" },
    chat: [],
    conference: null,
  },
  { type: "removed", reason: "kicked" },
  { type: "rtc.signal", from: "p_1", data: [] },
  null,
  "welcome",
  [{ type: "admitted" }],
];

describe("the browser's copy of the room protocol", () => {
  it("is generated from shared/room-protocol.ts (after a protocol change: UPDATE_PROTOCOL_JSON=1 npx vitest run --project web web/src/room)", () => {
    expect(file).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it("uses only keywords the browser checker understands", () => {
    expect([...keywords(committed)].filter((k) => !SUPPORTED_KEYWORDS.has(k))).toEqual([]);
  });

  it.each(frames.map((f) => [JSON.stringify(f).slice(0, 70), f]))("agrees with zod on %s", (_, frame) => {
    expect(matches(committed, frame)).toBe(ServerMessage.safeParse(frame).success);
  });
});
