import { type DependencyList, useEffect, useState } from "react";

export type Loaded<T> = { status: "loading"; data: T | null } | { status: "ok"; data: T } | { status: "error"; data: T | null; error: unknown };

/**
 * Runs `load` when `deps` change, aborting the previous run; keeps the last data while the next
 * loads, so lists do not jump (no layout shift while a filter is applied).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: "loading", data: null });
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: "loading", data: s.data }));
    load(controller.signal).then(
      (data) => setState({ status: "ok", data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ status: "error", data: s.data, error }));
      },
    );
    return () => controller.abort();
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on.
  }, deps);
  return state;
}

/** Re-renders every `everyMs` while `active`, returning the current time (countdowns). */
export function useNow(everyMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, active]);
  return now;
}
