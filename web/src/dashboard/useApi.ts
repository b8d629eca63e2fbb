import { useCallback } from "react";
import { getJson } from "./http";
import { type Resource as R, useAsync } from "./useAsync";

export type Resource<T> = R<T>;

/** Loads a JSON document from the API (null path = nothing to load yet). */
export function useApi<T>(path: string | null): Resource<T> {
  const load = useCallback(() => getJson<T>(path ?? ""), [path]);
  return useAsync(path === null ? null : load);
}
