// Small helpers the benches share: a bounded pool and percentiles.

/** Runs `fn(i)` for i < n with at most `limit` in flight; results in index order. */
export async function pool(n, limit, fn) {
  const out = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, n)) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

/** The p-th percentile (nearest rank) of `values`; NaN when there are none. */
export const pct = (values, p) => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
export const ms = (v) => `${v.toFixed(1)} ms`;
export const signed = (v) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} ms`;
