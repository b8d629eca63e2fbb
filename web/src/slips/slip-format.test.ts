import { describe, expect, it } from "vitest";
import type { SlipClaims } from "#shared/slip-token";
import { slipFacts } from "./slip-format";

const claims: SlipClaims = {
  v: 1,
  sid: "slip_0123456789abcdef",
  meeting: "Early Birds",
  group: "Lakeside Home Group",
  date: "2026-11-29",
  from: "2026-11-30T01:02:00.000Z",
  to: "2026-11-30T01:53:00.000Z",
  confirmedBy: "host",
  nameHash: null,
  iat: 1_796_000_000,
  tz: "America/Chicago",
};

describe("a slip's facts as printed and verified", () => {
  it("shows presence in the meeting's zone and its local date, whatever the reader's zone", () => {
    expect(slipFacts(claims, "en-US")).toEqual({
      date: "Sunday, November 29, 2026",
      from: "7:02 PM",
      to: "7:53 PM",
      zone: "America/Chicago",
    });
    expect(slipFacts(claims, "es").from).toBe("19:02");
    expect(slipFacts(claims, "es").date).toContain("29 de noviembre de 2026");
  });

  it("a slip without a zone (or with one the browser does not know) reads in UTC", () => {
    const { tz: _, ...noZone } = claims;
    expect(slipFacts(noZone, "en-US")).toMatchObject({ from: "1:02 AM", to: "1:53 AM", zone: "UTC" });
    expect(slipFacts({ ...claims, tz: "Mars/Olympus" }, "en-US").zone).toBe("UTC");
  });
});
