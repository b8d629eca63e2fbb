import type { InferResponseType } from "hono/client";
import { useEffect, useSyncExternalStore } from "react";
import { api } from "../api";
import { send } from "./http";

export type Me = InferResponseType<typeof api.me.$get, 200>;
export type Assignment = Me["assignments"][number];
export type Role = Assignment["role"];
type SessionState = { status: "loading" } | { status: "signedOut" } | { status: "signedIn"; me: Me };

let state: SessionState = { status: "loading" };
const listeners = new Set<() => void>();
function set(next: SessionState) {
  state = next;
  for (const l of listeners) l();
}

/** Asks the API who is signed in (refreshing an expired access token once). */
export async function loadSession(): Promise<void> {
  try {
    const res = await send("/api/me", { headers: { Accept: "application/json" } });
    set(res.ok ? { status: "signedIn", me: (await res.json()) as Me } : { status: "signedOut" });
  } catch {
    set({ status: "signedOut" });
  }
}

/** Signs out on the server (revokes the refresh family) and forgets the session here. */
export async function signOut(): Promise<void> {
  await api.auth.logout.$post().catch(() => undefined);
  set({ status: "signedOut" });
}

/** The signed-in member, loaded once per page view. */
export function useSession(): SessionState {
  const snapshot = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
    () => state,
  );
  useEffect(() => {
    if (state.status === "loading") void loadSession();
  }, []);
  return snapshot;
}
