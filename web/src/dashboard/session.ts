import type { InferResponseType } from "hono/client";
import { useEffect, useSyncExternalStore } from "react";
import type { Api } from "../api";
import { send, sendJson } from "./http";

export type Me = InferResponseType<Api["me"]["$get"], 200>;
export type Assignment = Me["assignments"][number];
export type Role = Assignment["role"];
/**
 * `linkRefused`: a sign-in link was refused; `erased`: signed out because the member just erased
 * their account (the sign-in page says so).
 */
type SessionState =
  | { status: "loading" }
  | { status: "signedOut"; linkRefused?: boolean; erased?: boolean }
  | { status: "signedIn"; me: Me };

let state: SessionState = { status: "loading" };
const listeners = new Set<() => void>();
function set(next: SessionState) {
  state = next;
  for (const l of listeners) l();
}

/**
 * A sign-in link is `/service#token=…`: the token rides in the fragment, which browsers never send
 * to a server, so no URL in a log or trace carries it. Takes it out of the address bar and history
 * at once and posts it for the session cookies. False when the link was refused.
 */
async function signInFromLink(): Promise<boolean> {
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  if (!token) return true;
  history.replaceState(history.state, "", location.pathname + location.search);
  const res = await send("/api/auth/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  }).catch(() => null);
  return res?.ok ?? false;
}

/** Asks the API who is signed in (refreshing an expired access token once), after a sign-in link if this is one. */
export async function loadSession(): Promise<void> {
  if (!(await signInFromLink())) return set({ status: "signedOut", linkRefused: true });
  try {
    const res = await send("/api/me", { headers: { Accept: "application/json" } });
    set(res.ok ? { status: "signedIn", me: (await res.json()) as Me } : { status: "signedOut" });
  } catch {
    set({ status: "signedOut" });
  }
}

/** Signs out on the server (revokes the refresh family) and forgets the session here. */
export async function signOut(): Promise<void> {
  await send("/api/auth/logout", { method: "POST" }).catch(() => undefined);
  set({ status: "signedOut" });
}

/** Erases the signed-in member (the server ends every session and clears the cookies), then forgets the session here. */
export async function eraseAccount(): Promise<void> {
  await sendJson("/api/me", "DELETE");
  set({ status: "signedOut", erased: true });
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
