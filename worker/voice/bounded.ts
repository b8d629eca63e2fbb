/**
 * Runs `fn` over `items` with at most `limit` calls in flight, in order of the items: the room's
 * fan-out to the SFU (one call per listener when someone starts or stops speaking) stays within what
 * a Worker may have open at once, and a 300-person room does not queue 300 requests in one go.
 */
export async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/**
 * SFU calls one fan-out keeps in flight. Workers let an invocation hold six connections open at once
 * (later fetches wait for one to close), so more would only queue inside the runtime.
 */
export const SFU_FANOUT = 6;
