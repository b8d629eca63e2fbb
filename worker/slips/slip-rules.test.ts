import { describe, expect, it } from "vitest";
import { minutesPresent, type SlipMember, slipClaims, slipConfirmRefusal, slipRequestRefusal } from "./slip-rules";
import { slipClaimsSchema } from "#shared/slip-token";

const T0 = Date.UTC(2026, 10, 30, 1, 0);
const member = (over: Partial<SlipMember> = {}): SlipMember => ({
  id: "p_a",
  role: "attendee",
  status: "admitted",
  admittedAt: T0,
  online: true,
  ...over,
});

describe("slip rules", () => {
  it("counts whole minutes since admission", () => {
    expect(minutesPresent(T0, T0 + 44 * 60_000 + 59_999)).toBe(44);
    expect(minutesPresent(T0, T0 + 45 * 60_000)).toBe(45);
    expect(minutesPresent(null, T0)).toBe(0);
    expect(minutesPresent(T0, T0 - 1)).toBe(0);
  });

  it("refuses a request before the minimum, allows it at the minimum; a minimum of 0 allows it at once", () => {
    expect(slipRequestRefusal(member(), 45, T0 + 44 * 60_000 + 59_999)).toMatchObject({
      code: "too_early",
      message: expect.stringContaining("1 more"),
    });
    expect(slipRequestRefusal(member(), 45, T0 + 45 * 60_000)).toBeNull();
    expect(slipRequestRefusal(member(), 0, T0)).toBeNull();
  });

  it("refuses a request from someone waiting or never admitted", () => {
    expect(slipRequestRefusal(member({ status: "waiting", admittedAt: null }), 0, T0)).toMatchObject({
      code: "not_admitted",
    });
    expect(slipRequestRefusal(member({ admittedAt: null }), 0, T0)).toMatchObject({ code: "not_admitted" });
  });

  it("confirms only a pending request, only for someone still here (who may confirm: authorize)", () => {
    expect(slipConfirmRefusal(member(), false)).toMatchObject({ code: "no_request" });
    expect(slipConfirmRefusal(null, true)).toMatchObject({ code: "no_request" });
    expect(slipConfirmRefusal(member({ online: false }), true)).toMatchObject({ code: "not_connected" });
    expect(slipConfirmRefusal(member({ status: "removed" }), true)).toMatchObject({ code: "not_connected" });
    expect(slipConfirmRefusal(member(), true)).toBeNull();
  });

  it("claims: presence from admission to now, the meeting's local date, valid for signing", () => {
    const meeting = {
      meetingName: "Monday Big Book",
      groupName: "Lakeside",
      timezone: "America/Chicago",
      startsAt: Date.UTC(2026, 11, 1, 1, 0),
    };
    const now = T0 + 50 * 60_000;
    const c = slipClaims(meeting, { sid: "slip_0123456789abcdef", nameHash: null }, T0, now, "auto");
    expect(c).toMatchObject({
      date: "2026-11-30",
      from: "2026-11-30T01:00:00.000Z",
      to: "2026-11-30T01:50:00.000Z",
      confirmedBy: "auto",
      nameHash: null,
      iat: Math.floor(now / 1000),
      tz: "America/Chicago",
    });
    expect(slipClaimsSchema.parse(c)).toEqual(c);
  });
});
