import { describe, expect, it } from "vitest";
import { EARLY_START_MS } from "#shared/occurrence-lifecycle";
import {
  CHALLENGE_AFTER_ROOM_FAILURES,
  decideJoin,
  EARLY_JOIN_MS,
  type GateConfig,
  guessLimit,
  type JoinFacts,
} from "./gate";

const START = 1_000_000_000;
const config: GateConfig = {
  status: "live",
  startsAt: START,
  endsAt: START + 3600_000,
  hasPasscode: true,
  waitingRoom: false,
  capacity: 10,
};
const facts = (over: Partial<JoinFacts> = {}): JoinFacts => ({
  config,
  now: START + 60_000,
  ended: false,
  locked: false,
  present: 0,
  wantsHost: false,
  banned: false,
  removed: false,
  guarded: false,
  passcode: "right",
  ...over,
});

describe("decideJoin", () => {
  it("admits an attendee with the right passcode", () => {
    expect(decideJoin(facts())).toEqual({ ok: true, role: "attendee", waiting: false, startsOccurrence: false });
  });

  it("sends attendees to the waiting room when the meeting has one", () => {
    expect(decideJoin(facts({ config: { ...config, waitingRoom: true } }))).toMatchObject({ ok: true, waiting: true });
  });

  it("after a ban or removal, sends every new attendee to the waiting room (hosts still walk in)", () => {
    expect(decideJoin(facts({ guarded: true }))).toMatchObject({ ok: true, role: "attendee", waiting: true });
    expect(decideJoin(facts({ guarded: true, wantsHost: true, passcode: "none" }))).toMatchObject({
      ok: true,
      role: "host",
      waiting: false,
    });
  });

  it("refuses in a fixed order with the documented codes", () => {
    expect(decideJoin(facts({ passcode: "wrong" }))).toMatchObject({ status: 401, code: "bad_passcode" });
    expect(decideJoin(facts({ locked: true }))).toMatchObject({ status: 403, code: "room_locked" });
    expect(decideJoin(facts({ banned: true, passcode: "wrong" }))).toMatchObject({ status: 403, code: "banned" });
    expect(decideJoin(facts({ removed: true }))).toMatchObject({ status: 403, code: "removed" });
    expect(decideJoin(facts({ present: 10 }))).toMatchObject({ status: 409, code: "room_full" });
    expect(decideJoin(facts({ ended: true }))).toMatchObject({ status: 409, code: "not_live" });
  });

  it("opens to attendees only when live or inside the early-join window", () => {
    const scheduled = { ...config, status: "scheduled" as const };
    expect(decideJoin(facts({ config: scheduled, now: START - EARLY_JOIN_MS - 1 }))).toMatchObject({
      code: "not_live",
    });
    expect(decideJoin(facts({ config: scheduled, now: START - EARLY_JOIN_MS + 1 }))).toMatchObject({ ok: true });
    expect(decideJoin(facts({ config: { ...config, status: "cancelled" } }))).toMatchObject({ code: "not_live" });
  });

  it("lets a host past lock and capacity, and start a scheduled occurrence only inside the start window", () => {
    const scheduled = { ...config, status: "scheduled" as const };
    const host = { wantsHost: true, locked: true, present: 99, passcode: "none" as const };
    // Days (or one ms) early: refused like POST /start, and the occurrence is not started.
    expect(decideJoin(facts({ ...host, config: scheduled, now: START - 3 * 24 * 3600_000 }))).toMatchObject({
      ok: false,
      status: 409,
      code: "too_early",
    });
    expect(decideJoin(facts({ ...host, config: scheduled, now: START - EARLY_START_MS - 1 }))).toMatchObject({
      ok: false,
      code: "too_early",
    });
    expect(decideJoin(facts({ ...host, config: scheduled, now: START - EARLY_START_MS }))).toEqual({
      ok: true,
      role: "host",
      waiting: false,
      startsOccurrence: true,
    });
    expect(decideJoin(facts({ ...host, config: scheduled, now: scheduled.endsAt + 1 }))).toMatchObject({
      ok: false,
      code: "past",
    });
    // A live occurrence seats its hosts any time; nothing is started again.
    expect(decideJoin(facts({ ...host, now: START - 5 * 3600_000 }))).toEqual({
      ok: true,
      role: "host",
      waiting: false,
      startsOccurrence: false,
    });
    expect(decideJoin(facts({ config: { ...config, status: "ended" }, wantsHost: true }))).toMatchObject({
      code: "not_live",
    });
  });
});

describe("guessLimit", () => {
  const now = START;
  it("allows four wrong guesses and refuses the sixth attempt after five, with Retry-After", () => {
    expect(guessLimit([now - 4, now - 3, now - 2, now - 1], [], now, false)).toBeNull();
    const r = guessLimit([now - 60_000, now - 4, now - 3, now - 2, now - 1], [], now, false);
    expect(r).toMatchObject({ status: 429, code: "too_many_guesses" });
    expect(r?.retryAfterSeconds).toBe(15 * 60 - 60);
    // A solved challenge does not buy a guesser more guesses.
    expect(guessLimit([now - 60_000, now - 4, now - 3, now - 2, now - 1], [], now, true)).toMatchObject({
      status: 429,
    });
  });

  it("forgets guesses older than fifteen minutes", () => {
    const old = Array.from({ length: 5 }, (_, i) => now - 15 * 60_000 - i - 1);
    expect(guessLimit(old, [], now, false)).toBeNull();
  });

  it("never locks the room: many failures ask for a solved challenge, and a solver is evaluated", () => {
    const room = Array.from({ length: CHALLENGE_AFTER_ROOM_FAILURES }, (_, i) => now - 1000 - i);
    expect(guessLimit([], room, now, false)).toMatchObject({ status: 428, code: "challenge_required" });
    expect(guessLimit([], room, now, true)).toBeNull();
    expect(guessLimit([], room.slice(1), now, false)).toBeNull();
    expect(
      guessLimit(
        [],
        Array.from({ length: 1000 }, (_, i) => now - i),
        now,
        true,
      ),
    ).toBeNull();
  });
});
