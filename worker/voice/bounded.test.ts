import { describe, expect, it } from "vitest";
import { forEachBounded } from "./bounded";

/** Lets every pending microtask run (a fixed number of turns: no timer decides anything). */
async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** A deferred the test resolves by hand: the order of events decides, never a timer. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

describe("forEachBounded", () => {
  it("keeps at most `limit` calls in flight and visits every item once, in order of start", async () => {
    const gates = Array.from({ length: 10 }, gate);
    const started: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const run = forEachBounded([...gates.keys()], 3, async (i) => {
      started.push(i);
      peak = Math.max(peak, ++inFlight);
      await gates[i].opened;
      inFlight--;
    });
    for (let i = 0; i < 10; i++) {
      await settle();
      expect(inFlight).toBe(Math.min(3, 10 - i));
      gates[i].open();
    }
    await run;
    expect(peak).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("an empty list resolves; a failing call rejects the whole run", async () => {
    await expect(forEachBounded([], 6, async () => undefined)).resolves.toBeUndefined();
    await expect(
      forEachBounded([1, 2], 6, async (i) => {
        if (i === 2) throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
  });
});
