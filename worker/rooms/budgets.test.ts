import { describe, expect, it } from "vitest";
import { BUDGETS, type BudgetBook, countRefusal, FLOOD, FRAME_CLASS, spendFrame, takeToken } from "./budgets";
import { ClientMessage } from "#shared/room-protocol";

describe("token bucket", () => {
  const policy = { capacity: 5, perSecond: 1 };
  it("allows a burst, then refuses, then refills over time", () => {
    let bucket: ReturnType<typeof takeToken>["bucket"] | undefined;
    for (let i = 0; i < policy.capacity; i++) {
      const r = takeToken(bucket, 1000, policy);
      expect(r.ok).toBe(true);
      bucket = r.bucket;
    }
    const refused = takeToken(bucket, 1000, policy);
    expect(refused.ok).toBe(false);
    expect(refused.retryInMs).toBe(1000);
    expect(takeToken(refused.bucket, 2000, policy).ok).toBe(true);
  });

  it("never stores more than the burst capacity", () => {
    expect(takeToken({ tokens: 0, updatedAt: 0 }, 1_000_000, policy).bucket.tokens).toBe(policy.capacity - 1);
  });
});

describe("frame budgets", () => {
  it("gives every client frame type a class with a budget for both roles", () => {
    const types = ClientMessage.options.map((o) => o.shape.type.value);
    expect(Object.keys(FRAME_CLASS).sort()).toEqual([...types].sort());
    for (const type of types)
      for (const role of ["attendee", "host"] as const)
        expect(BUDGETS[FRAME_CLASS[type]][role].capacity).toBeGreaterThanOrEqual(1);
  });

  it("1,000 hand toggles at one instant spend the burst, then are refused", () => {
    let book: BudgetBook = {};
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const r = spendFrame(book, i % 2 === 0 ? "hand.raise" : "hand.lower", "attendee", 5_000);
      book = r.book;
      if (r.retryInMs === null) accepted++;
    }
    expect(accepted).toBe(BUDGETS.hand.attendee.capacity);
    // Over five seconds the same flood gets the burst plus the refill, no more.
    book = {};
    accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const r = spendFrame(book, "hand.raise", "attendee", 5_000 + i * 5);
      book = r.book;
      if (r.retryInMs === null) accepted++;
    }
    expect(accepted).toBeLessThanOrEqual(
      BUDGETS.hand.attendee.capacity + Math.ceil(5 * BUDGETS.hand.attendee.perSecond),
    );
  });

  it("keeps classes apart: a chat burst leaves hand and reaction budgets untouched", () => {
    let book: BudgetBook = {};
    for (let i = 0; i < 10; i++) book = spendFrame(book, "chat.send", "attendee", 0).book;
    expect(spendFrame(book, "chat.send", "attendee", 0).retryInMs).toBe(1000);
    expect(spendFrame(book, "hand.raise", "attendee", 0).retryInMs).toBeNull();
    expect(spendFrame(book, "reaction", "attendee", 0).retryInMs).toBeNull();
  });

  it("gives hosts the deeper chat bucket", () => {
    let book: BudgetBook = {};
    let accepted = 0;
    for (let i = 0; i < 100; i++) {
      const r = spendFrame(book, "chat.send", "host", 0);
      book = r.book;
      if (r.retryInMs === null) accepted++;
    }
    expect(accepted).toBe(BUDGETS.chat.host.capacity);
  });

  it("closes after a continued flood of refusals, not after a short one", () => {
    let book: BudgetBook = {};
    for (let i = 0; i < FLOOD.capacity; i++) {
      const r = countRefusal(book, 0);
      expect(r.close).toBe(false);
      book = r.book;
    }
    expect(countRefusal(book, 0).close).toBe(true);
    // Slowing down is forgiven.
    expect(countRefusal(book, 1000).close).toBe(false);
  });
});
