import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BUDGETS, FLOOD, POLICY_VIOLATION } from "../worker/rooms/budgets";
import { call, type ErrorJson } from "./helpers";
import { enter, joinOk, liveRoom, messageCount, rejoin, setRoomClock, stubFor, TestSocket } from "./rooms-helpers";

/** A flood's tail (frames already sent) still crosses the test's socket pair: give it time to drain. */
const DRAIN_MS = 60_000;

/** Counts every write of the room state row, in the room's own SQLite (a trigger: no code of ours involved). */
async function countStateWrites(occurrenceId: string) {
  await runInDurableObject(stubFor(occurrenceId), (_room, state) => {
    state.storage.sql.exec("CREATE TABLE IF NOT EXISTS test_state_writes (n INTEGER NOT NULL)");
    state.storage.sql.exec("INSERT INTO test_state_writes (n) VALUES (0)");
    state.storage.sql.exec(
      "CREATE TRIGGER IF NOT EXISTS test_state_ins AFTER INSERT ON meta WHEN NEW.key = 'state' BEGIN UPDATE test_state_writes SET n = n + 1; END",
    );
    state.storage.sql.exec(
      "CREATE TRIGGER IF NOT EXISTS test_state_upd AFTER UPDATE ON meta WHEN NEW.key = 'state' BEGIN UPDATE test_state_writes SET n = n + 1; END",
    );
  });
  return {
    writes: () =>
      runInDurableObject(stubFor(occurrenceId), (_room, state) =>
        Number(state.storage.sql.exec("SELECT n FROM test_state_writes").one().n),
      ),
    stored: () =>
      runInDurableObject(stubFor(occurrenceId), (_room, state) => {
        const row = state.storage.sql.exec("SELECT value FROM meta WHERE key = 'state'").toArray()[0];
        return row ? (JSON.parse(String(row.value)) as { hands: string[] }) : null;
      }),
  };
}

async function roomWithHost() {
  const { occurrenceId, host } = await liveRoom();
  const chair = await enter(occurrenceId, "chair", {}, host.auth);
  await chair.socket.next("welcome");
  return { occurrenceId, chair };
}

describe("hand toggles are budgeted and coalesced", () => {
  it("1,000 raise/lower toggles reach the others and storage at most a handful of times, and the flood closes the socket", {
    timeout: 120_000,
  }, async () => {
    const { occurrenceId, chair } = await roomWithHost();
    const flipper = await enter(occurrenceId, "flipper");
    await flipper.socket.next("welcome");
    const storage = await countStateWrites(occurrenceId);
    await setRoomClock(occurrenceId, Date.now());
    const before = chair.socket.of("state").length;

    for (let i = 0; i < 1000; i++) flipper.socket.send({ type: i % 2 === 0 ? "hand.raise" : "hand.lower" });
    await flipper.socket.until((s) => s.closed, "the flood to close the socket", DRAIN_MS);
    expect(flipper.socket.closed?.code).toBe(POLICY_VIOLATION);
    const refused = flipper.socket.of("error");
    expect(refused.length).toBeGreaterThanOrEqual(FLOOD.capacity);
    expect(refused.every((e) => e.code === "rate_limited")).toBe(true);

    // A sentinel flip by the host: its state frame is the last the others get.
    chair.socket.send({ type: "hand.raise" });
    await chair.socket.until(
      (s) => s.of("state").find((f) => f.state.hands.includes(chair.participantId)),
      "the sentinel",
      DRAIN_MS,
    );
    const stateFrames = chair.socket.of("state").length - before;
    // With the clock frozen only the burst is accepted; coalescing usually nets it to nothing.
    expect(stateFrames).toBeLessThanOrEqual(BUDGETS.hand.attendee.capacity + 1);
    expect(await storage.writes()).toBeLessThanOrEqual(BUDGETS.hand.attendee.capacity + 1);
    // The accepted burst was raise, lower, raise, lower: the flipper's hand is down everywhere.
    expect(chair.socket.of("state").at(-1)?.state.hands).toEqual([chair.participantId]);
    expect((await storage.stored())?.hands).toEqual([chair.participantId]);
    chair.socket.close();
  });

  it("a raise and lower inside one flush window write and broadcast nothing; a net raise is written once", async () => {
    const { occurrenceId, chair } = await roomWithHost();
    const alice = await enter(occurrenceId, "alice");
    await alice.socket.next("welcome");
    const storage = await countStateWrites(occurrenceId);
    const before = chair.socket.of("state").length;
    alice.socket.send({ type: "hand.raise" });
    alice.socket.send({ type: "hand.lower" });
    alice.socket.send({ type: "hand.raise" });
    await chair.socket.next("state", (f) => f.state.hands.includes(alice.participantId));
    // Three flips, one net change: at most one frame per accepted flip, and the value is right.
    expect(chair.socket.of("state").length - before).toBeLessThanOrEqual(3);
    expect(await storage.writes()).toBeLessThanOrEqual(3);
    expect((await storage.stored())?.hands).toEqual([alice.participantId]);
    // Raising again is no change at all: nothing written, nothing sent.
    const writes = await storage.writes();
    const frames = chair.socket.of("state").length;
    alice.socket.send({ type: "hand.raise" });
    alice.socket.send({ type: "chat.send", text: "sentinel" });
    await chair.socket.next("chat.message", (f) => f.message.text === "sentinel");
    expect(await storage.writes()).toBe(writes);
    expect(chair.socket.of("state").length).toBe(frames);
    chair.socket.close();
    alice.socket.close();
  });
});

describe("per-participant frame budgets", () => {
  it("over budget: an error to the sender only, nothing broadcast or stored; the budget refills with the clock", async () => {
    const { occurrenceId, chair } = await roomWithHost();
    const chatty = await enter(occurrenceId, "chatty");
    await chatty.socket.next("welcome");
    const t = Date.now();
    await setRoomClock(occurrenceId, t);
    const burst = BUDGETS.chat.attendee.capacity;
    for (let i = 0; i < burst + 5; i++) chatty.socket.send({ type: "chat.send", text: `line ${i}` });
    await chatty.socket.until((s) => s.of("chat.message").length + s.of("error").length >= burst + 5, "all answers");
    expect(chatty.socket.of("error").map((e) => e.code)).toEqual(Array(5).fill("rate_limited"));
    expect(await messageCount(occurrenceId)).toBe(burst);
    // The host saw exactly the accepted lines and no error frames.
    chatty.socket.send({ type: "reaction", emoji: "👏" });
    await chair.socket.next("reaction");
    expect(chair.socket.of("chat.message").map((f) => f.message.text)).toEqual(
      Array.from({ length: burst }, (_, i) => `line ${i}`),
    );
    expect(chair.socket.of("error")).toEqual([]);
    // One second later exactly one more line fits.
    await setRoomClock(occurrenceId, t + 1000);
    chatty.socket.send({ type: "chat.send", text: "after a second" });
    chatty.socket.send({ type: "chat.send", text: "too soon" });
    await chatty.socket.until((s) => s.of("error").length >= 6, "the next refusal");
    expect(await messageCount(occurrenceId)).toBe(burst + 1);
    expect(chatty.socket.closed).toBeNull();
    chair.socket.close();
    chatty.socket.close();
  });

  it("classes are separate: a spent chat budget leaves reactions and hands alone", async () => {
    const { occurrenceId, chair } = await roomWithHost();
    const a = await enter(occurrenceId, "a");
    await a.socket.next("welcome");
    await setRoomClock(occurrenceId, Date.now());
    for (let i = 0; i <= BUDGETS.chat.attendee.capacity; i++) a.socket.send({ type: "chat.send", text: `c${i}` });
    await a.socket.next("error");
    a.socket.send({ type: "reaction", emoji: "🙏" });
    await chair.socket.next("reaction", (f) => f.participantId === a.participantId);
    chair.socket.close();
    a.socket.close();
  });

  it("the HTTP mirror spends the same budget as the socket (429 once the socket spent it)", async () => {
    const { occurrenceId, chair } = await roomWithHost();
    const b = await enter(occurrenceId, "b");
    await b.socket.next("welcome");
    await setRoomClock(occurrenceId, Date.now());
    for (let i = 0; i < BUDGETS.chat.attendee.capacity; i++) b.socket.send({ type: "chat.send", text: `s${i}` });
    await b.socket.until((s) => s.of("chat.message").length >= BUDGETS.chat.attendee.capacity, "the burst");
    const res = await call(`/api/occurrences/${occurrenceId}/chat`, {
      method: "POST",
      json: { text: "over http" },
      headers: { Authorization: `Bearer ${b.sessionToken}` },
    });
    expect(res.status).toBe(429);
    expect(((await res.json()) as ErrorJson).error.code).toBe("rate_limited");
    expect(await messageCount(occurrenceId)).toBe(BUDGETS.chat.attendee.capacity);
    chair.socket.close();
    b.socket.close();
  });

  it("budgets survive hibernation: a spent bucket is still spent after the room is evicted", async () => {
    const { occurrenceId, chair } = await roomWithHost();
    const c = await enter(occurrenceId, "c");
    await c.socket.next("welcome");
    const t = Date.now();
    await setRoomClock(occurrenceId, t);
    for (let i = 0; i < BUDGETS.chat.attendee.capacity; i++) c.socket.send({ type: "chat.send", text: `h${i}` });
    await c.socket.until((s) => s.of("chat.message").length >= BUDGETS.chat.attendee.capacity, "the burst");
    await evictDurableObject(stubFor(occurrenceId));
    await setRoomClock(occurrenceId, t);
    c.socket.send({ type: "chat.send", text: "after waking" });
    expect((await c.socket.next("error")).code).toBe("rate_limited");
    expect(await messageCount(occurrenceId)).toBe(BUDGETS.chat.attendee.capacity);
    chair.socket.close();
    c.socket.close();
  });

  it("a flood of invalid frames closes the socket with 1008; a reconnect keeps the spent flood budget", async () => {
    const { occurrenceId, chair } = await roomWithHost();
    const d = await enter(occurrenceId, "d");
    await d.socket.next("welcome");
    const t = Date.now();
    await setRoomClock(occurrenceId, t);
    for (let i = 0; i < FLOOD.capacity; i++) d.socket.send("not json");
    await d.socket.until((s) => s.of("error").length >= FLOOD.capacity, "the refusals");
    expect(d.socket.closed).toBeNull();
    d.socket.send("not json");
    await d.socket.until((s) => s.closed, "the close");
    expect(d.socket.closed?.code).toBe(POLICY_VIOLATION);
    // Coming back (a fresh ticket for the same participant) does not reset the flood count.
    const again = await TestSocket.open(await rejoin(occurrenceId, d.sessionToken));
    await again.next("welcome");
    again.send("not json");
    await again.until((s) => s.closed, "the close");
    expect(again.closed?.code).toBe(POLICY_VIOLATION);
    // Others were never told anything about it.
    expect(chair.socket.of("error")).toEqual([]);
    chair.socket.close();
  });
});

describe("hosts", () => {
  it("a host's deeper moderation budget still ends: 300 lock toggles are not 300 broadcasts", {
    timeout: 120_000,
  }, async () => {
    const { occurrenceId, chair } = await roomWithHost();
    const watcher = await joinOk(occurrenceId, "watcher");
    const w = await TestSocket.open(watcher);
    await w.next("welcome");
    await setRoomClock(occurrenceId, Date.now());
    for (let i = 0; i < 300; i++) chair.socket.send({ type: "host.lock", locked: i % 2 === 0 });
    await chair.socket.until((s) => s.closed, "the flood to close the host's socket", DRAIN_MS);
    expect(chair.socket.closed?.code).toBe(POLICY_VIOLATION);
    w.send({ type: "chat.send", text: "sentinel" });
    await w.until((s) => s.of("chat.message").find((f) => f.message.text === "sentinel"), "the sentinel", DRAIN_MS);
    expect(w.of("state").length).toBeLessThanOrEqual(BUDGETS.moderation.host.capacity);
    w.close();
  });
});
