import { type DependencyList, useEffect, useState } from "react";
import { ApiFailure } from "./api-failure";

export type Loaded<T> =
  | { status: "loading"; data: T | null }
  | { status: "ok"; data: T }
  | { status: "error"; data: T | null; error: unknown };

const RETRY_DELAYS_MS = [700, 2_000];

/** A dropped connection or a 5xx is worth another try (phones on trains); a 4xx answer is not. */
function retriable(error: unknown): boolean {
  return !(error instanceof ApiFailure) || error.status >= 500;
}

/** Reads (GETs) are safe to repeat: try again twice, a little later each time, unless aborted. */
export async function withRetries<T>(
  run: () => Promise<T>,
  signal: AbortSignal,
  delaysMs: readonly number[] = RETRY_DELAYS_MS,
): Promise<T> {
  for (const delay of delaysMs) {
    try {
      return await run();
    } catch (error) {
      if (signal.aborted || !retriable(error)) throw error;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  return run();
}

/**
 * Runs `load` when `deps` change, aborting the previous run and retrying transient failures;
 * keeps the last data while the next loads, so lists do not jump (no layout shift while a filter
 * is applied).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: "loading", data: null });
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: "loading", data: s.data }));
    withRetries(() => load(controller.signal), controller.signal).then(
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

/** `value`, but only once it has stopped changing for `ms` (search-as-you-type without a request per key). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Names the page in the tab and for assistive technology (WCAG 2.4.2), restoring the app name after. */
export function useTitle(title: string | null): void {
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} — Meetinghouse`;
    return () => {
      document.title = before;
    };
  }, [title]);
}
