import { describe, expect, it } from "vitest";
import {
  ARCHIVE_AFTER_MS,
  AUTO_END_GRACE_MS,
  archiveCutoff,
  autoEndAt,
  cancelRefusal,
  EARLY_START_MS,
  endRefusal,
  type OccurrenceFacts,
  startRefusal,
  startWindow,
  UNOPENED_END_AFTER_MS,
  unopenedEndCutoff,
  unopenedEndDue,
} from "./occurrence-lifecycle";

const START = Date.UTC(2030, 0, 7, 19, 0);
const occ = (over: Partial<OccurrenceFacts> = {}): OccurrenceFacts => ({
  status: "scheduled",
  startsAt: START,
  endsAt: START + 3600_000,
  ...over,
});

describe("startRefusal", () => {
  it("opens the window an hour before the start and closes it at the end, both edges inside", () => {
    const { from, to } = startWindow(occ());
    expect(from).toBe(START - EARLY_START_MS);
    expect(startRefusal(occ(), from - 1)).toMatchObject({ code: "too_early" });
    expect(startRefusal(occ(), from)).toBeNull();
    expect(startRefusal(occ(), to)).toBeNull();
    expect(startRefusal(occ(), to + 1)).toMatchObject({ code: "past" });
  });

  it("refuses a host days early, and anything not scheduled", () => {
    expect(startRefusal(occ(), START - 3 * 24 * 3600_000)).toMatchObject({ code: "too_early" });
    for (const status of ["live", "ended", "cancelled"] as const)
      expect(startRefusal(occ({ status }), START)).toMatchObject({ code: "invalid_state" });
  });
});

describe("end and cancel", () => {
  it("ends scheduled or live occurrences, cancels only scheduled ones", () => {
    expect(endRefusal(occ())).toBeNull();
    expect(endRefusal(occ({ status: "live" }))).toBeNull();
    expect(endRefusal(occ({ status: "ended" }))).toMatchObject({ code: "invalid_state" });
    expect(endRefusal(occ({ status: "cancelled" }))).toMatchObject({ code: "invalid_state" });
    expect(cancelRefusal(occ())).toBeNull();
    expect(cancelRefusal(occ({ status: "live" }))).toMatchObject({ code: "invalid_state" });
  });
});

describe("periods", () => {
  it("closes an opened room an hour past the end; the cron ends never-opened ones only after that", () => {
    const o = occ();
    expect(autoEndAt(o)).toBe(o.endsAt + AUTO_END_GRACE_MS);
    expect(UNOPENED_END_AFTER_MS).toBeGreaterThan(AUTO_END_GRACE_MS);
    // At the room's own closing moment the cron still leaves the occurrence to the room.
    expect(unopenedEndDue(o, autoEndAt(o))).toBe(false);
    expect(unopenedEndDue(o, o.endsAt + UNOPENED_END_AFTER_MS)).toBe(false);
    expect(unopenedEndDue(o, o.endsAt + UNOPENED_END_AFTER_MS + 1)).toBe(true);
    expect(unopenedEndDue(occ({ status: "live" }), o.endsAt + 10 * UNOPENED_END_AFTER_MS)).toBe(false);
    expect(unopenedEndCutoff(o.endsAt + UNOPENED_END_AFTER_MS + 1)).toBe(o.endsAt + 1);
    expect(archiveCutoff(START)).toBe(START - ARCHIVE_AFTER_MS);
  });
});
