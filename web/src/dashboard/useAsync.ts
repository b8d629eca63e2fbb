import { useCallback, useEffect, useState } from "react";
import { HttpError } from "./http";

export type Resource<T> = { data: T | undefined; error: HttpError | undefined; loading: boolean; reload: () => void };

/** Runs a loader (memoize it with useCallback) and re-runs it when it changes or on reload(). */
export function useAsync<T>(load: (() => Promise<T>) | null): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: HttpError; loading: boolean }>({ loading: load !== null });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the reload trigger
  useEffect(() => {
    if (!load) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load()
      .then((data) => live && setState({ data, loading: false }))
      .catch(
        (err: unknown) =>
          live &&
          setState({
            error: err instanceof HttpError ? err : new HttpError(0, "network", String(err)),
            loading: false,
          }),
      );
    return () => {
      live = false;
    };
  }, [load, tick]);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
