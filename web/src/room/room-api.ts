/** The room socket's path for an occurrence (what `POST /join` answers as `wsUrl`). */
export function roomSocketPath(occurrenceId: string): string {
  return `/api/rooms/${encodeURIComponent(occurrenceId)}`;
}

/** The room socket's URL on this page's origin (wss behind https); never a query (the join and tokens go as a subprotocol). */
export function socketUrl(wsUrl: string): string {
  const url = new URL(wsUrl, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  return url.toString();
}
