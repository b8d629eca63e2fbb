import { describe, expect, it } from "vitest";
import {
  ACTION_TYPES,
  MIRRORED_ACTIONS,
  MODERATION_ACTIONS,
  ROOM_ACTIONS,
  roleMay,
  roleTargetable,
} from "./room-actions";
import { ACTION_PAYLOADS, ClientMessage, ServerMessage } from "./room-protocol";
import { ROOM_REFUSAL_CODES, ROOM_REFUSALS, refusalStatus } from "./room-refusals";

const entries = Object.entries(ROOM_ACTIONS);

describe("the room's action table", () => {
  it("generates the client frame union: one frame type per action, in table order, each with its payload", () => {
    expect(ClientMessage.options.map((o) => o.shape.type.value)).toEqual(ACTION_TYPES);
    expect(Object.keys(ACTION_PAYLOADS)).toEqual(ACTION_TYPES);
  });

  it("generates the moderation audit names: each action's, once, and the moderation frame takes exactly those", () => {
    const audits = entries.flatMap(([, rule]) => ("audit" in rule ? rule.audit : []));
    expect(new Set(MODERATION_ACTIONS)).toEqual(new Set(audits));
    expect(MODERATION_ACTIONS).toHaveLength(new Set(audits).size);
    for (const action of MODERATION_ACTIONS)
      expect(ServerMessage.safeParse({ type: "moderation", action, participantId: null }).success).toBe(true);
    expect(ServerMessage.safeParse({ type: "moderation", action: "explode", participantId: null }).success).toBe(false);
  });

  it("mirrors over HTTP only host actions that name one participant, so `{ action, participantId }` is a whole frame", () => {
    expect(MIRRORED_ACTIONS.length).toBeGreaterThan(0);
    for (const action of MIRRORED_ACTIONS) {
      const type = `host.${action}` as keyof typeof ROOM_ACTIONS;
      expect(ROOM_ACTIONS[type]).toMatchObject({ who: ["host"], target: expect.any(Object) });
      expect(ClientMessage.safeParse({ type, participantId: "p_1" }).success).toBe(true);
    }
    const mirrored = entries.filter(([, rule]) => "mirrored" in rule).map(([type]) => type);
    expect(mirrored.map((t) => t.replace("host.", ""))).toEqual(MIRRORED_ACTIONS);
  });

  it("lets hosts send every action and attendees none of the host ones", () => {
    for (const type of ACTION_TYPES) {
      expect(roleMay("host", type)).toBe(true);
      expect(roleMay("attendee", type)).toBe(!type.startsWith("host.") && type !== "slip.confirm");
    }
  });
});

describe("room refusals", () => {
  it("give every code exactly one HTTP error status", () => {
    expect(new Set(ROOM_REFUSAL_CODES).size).toBe(ROOM_REFUSAL_CODES.length);
    for (const code of ROOM_REFUSAL_CODES) {
      expect(refusalStatus(code)).toBe(ROOM_REFUSALS[code]);
      expect(Number.isInteger(refusalStatus(code)) && refusalStatus(code) >= 400 && refusalStatus(code) < 600).toBe(
        true,
      );
    }
  });

  it("are the codes a socket error frame may carry, and only those", () => {
    for (const code of ROOM_REFUSAL_CODES)
      expect(ServerMessage.safeParse({ type: "error", code, message: "no" }).success).toBe(true);
    expect(ServerMessage.safeParse({ type: "error", code: "made_up", message: "no" }).success).toBe(false);
  });
});

describe("roleTargetable", () => {
  it("offers on a co-host only what the room allows on a host: unmute, rename, demote, the floor (and admit: hosts never wait)", () => {
    const onHost = ACTION_TYPES.filter((type) => roleTargetable(type, "host"));
    expect(onHost).toEqual(["host.admit", "host.unmute", "host.demote", "host.rename", "host.floorGive"]);
    const onAttendee = ACTION_TYPES.filter((type) => roleTargetable(type, "attendee"));
    expect(onAttendee).not.toContain("host.demote");
    expect(onAttendee).toEqual(
      expect.arrayContaining(["host.mute", "host.remove", "host.ban", "host.sendToWaiting", "host.promote"]),
    );
  });
});
