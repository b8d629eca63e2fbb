import { describe, expect, it } from "vitest";
import { checkSending, NEW_SEND_CHECK, readSending, SEND_CHECK, type SendReading } from "./send-check";

/** Feeds readings in order; returns whether each one left the microphone judged weak. */
function run(readings: SendReading[]): boolean[] {
  let check = NEW_SEND_CHECK;
  return readings.map((reading) => {
    const next = checkSending(check, reading);
    check = next.check;
    return next.weak;
  });
}

/** Readings one second apart: 50 packets sent each, and a report from the SFU in each (the dev SFU's pace). */
function steady(count: number, fractionLost: (i: number) => number, from = 0): SendReading[] {
  return Array.from({ length: count }, (_, i) => ({
    connection: "connected" as const,
    sent: (from + i) * 50,
    reports: from + i,
    fractionLost: fractionLost(from + i),
  }));
}

describe("whether my microphone still reaches the SFU", () => {
  it("a healthy connection never falls back", () => {
    expect(run(steady(60, () => 0.02))).not.toContain(true);
  });

  it("loss at the limit in three reports in a row falls back; under the limit it does not", () => {
    expect(run(steady(4, (i) => (i === 0 ? 0 : SEND_CHECK.lossLimit)))).toEqual([false, false, false, true]);
    expect(run(steady(30, () => SEND_CHECK.lossLimit - 0.01))).not.toContain(true);
  });

  it("a good report between lossy ones starts the count again", () => {
    const lossy = [0, 0.5, 0.5, 0, 0.5, 0.5, 0.5];
    expect(run(steady(lossy.length, (i) => lossy[i] ?? 0))).toEqual([false, false, false, false, false, false, true]);
  });

  it("readings without a new report neither count as bad nor clear the count (the SFU may report every few seconds)", () => {
    const readings: SendReading[] = [
      { connection: "connected", sent: 0, reports: 0, fractionLost: 0 },
      { connection: "connected", sent: 50, reports: 1, fractionLost: 0.4 },
      { connection: "connected", sent: 100, reports: 1, fractionLost: 0.4 },
      { connection: "connected", sent: 150, reports: 2, fractionLost: 0.4 },
      { connection: "connected", sent: 200, reports: 2, fractionLost: 0.4 },
      { connection: "connected", sent: 250, reports: 2, fractionLost: 0.4 },
      { connection: "connected", sent: 300, reports: 3, fractionLost: 0.4 },
    ];
    expect(run(readings)).toEqual([false, false, false, false, false, false, true]);
  });

  it("a connection disconnected for three readings falls back; a blip of two does not", () => {
    const states = ["connected", "disconnected", "disconnected", "connected", "connected"] as const;
    const blip = states.map((connection, i) => ({ connection, sent: i * 50, reports: i, fractionLost: 0 }));
    expect(run(blip)).not.toContain(true);
    const down = ["connected", "disconnected", "disconnected", "failed"] as const;
    expect(run(down.map((connection, i) => ({ connection, sent: i * 50, reports: 0, fractionLost: 0 })))).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it("sending for ten readings with no report back falls back; not sending (nothing to acknowledge) does not", () => {
    const unacked = Array.from({ length: 11 }, (_, i) => ({
      connection: "connected" as const,
      sent: i * 50,
      reports: 3,
      fractionLost: 0,
    }));
    expect(run(unacked)).toEqual([...Array(10).fill(false), true]);
    const idle = unacked.map((r) => ({ ...r, sent: 0 }));
    expect(run(idle)).not.toContain(true);
  });

  it("one report back clears the unacknowledged count", () => {
    const readings = Array.from({ length: 16 }, (_, i) => ({
      connection: "connected" as const,
      sent: i * 50,
      reports: i < 8 ? 0 : 1,
      fractionLost: 0,
    }));
    expect(run(readings)).not.toContain(true);
  });
});

describe("a reading from the sender's stats", () => {
  it("takes packets sent, the SFU's reports and its latest loss; ignores other entries and junk", () => {
    const stats = new Map<string, Record<string, unknown>>([
      ["o", { type: "outbound-rtp", packetsSent: 412 }],
      ["r", { type: "remote-inbound-rtp", roundTripTimeMeasurements: 7, fractionLost: 0.25 }],
      ["c", { type: "codec", packetsSent: 99 }],
      ["x", { type: "outbound-rtp", packetsSent: "many" }],
    ]);
    expect(readSending(stats, "connected")).toEqual({
      connection: "connected",
      sent: 412,
      reports: 7,
      fractionLost: 0.25,
    });
  });

  it("before the first report: nothing reported, nothing lost", () => {
    const stats = new Map([["o", { type: "outbound-rtp", packetsSent: 30 }]]);
    expect(readSending(stats, "disconnected")).toEqual({
      connection: "disconnected",
      sent: 30,
      reports: 0,
      fractionLost: 0,
    });
  });
});
