import type { InferResponseType } from "hono/client";
import { readErrorBody } from "#shared/api-error";
import { api } from "../api";
import type { RoomSession } from "../attendee/room-session";

const rejoinCall = api.occurrences[":id"].rejoin.$post;
export type Ticket = InferResponseType<typeof rejoinCall, 200>;

/** The room said no to a reconnect: removed, banned, ended… (the code says which). */
export class RejoinRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Trades the room session token for a fresh single-use ticket (same participant: no duplicate seat). */
export async function freshTicket(session: RoomSession): Promise<Ticket> {
  const res = await rejoinCall(
    { param: { id: session.occurrenceId } },
    { headers: { Authorization: `Bearer ${session.sessionToken}` } },
  );
  if (!res.ok) {
    const error = await readErrorBody(res);
    throw new RejoinRefused(res.status, error.code);
  }
  return (await res.json()) as Ticket;
}

/** The room socket's URL on this page's origin (wss behind https); never a query (tickets go as a subprotocol). */
export function socketUrl(wsUrl: string): string {
  const url = new URL(wsUrl, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  return url.toString();
}
