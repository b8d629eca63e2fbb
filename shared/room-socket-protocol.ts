/**
 * How the room socket carries its single-use ticket: as a WebSocket subprotocol, never in the URL
 * (URLs land in traces and logs; a subprotocol header does not). The client offers
 * `[ROOM_PROTOCOL, TICKET_PROTOCOL_PREFIX + ticket]`; the server echoes only `ROOM_PROTOCOL`.
 * No dependencies: the web app imports it too.
 */
export const ROOM_PROTOCOL = "meetinghouse.v1";
export const TICKET_PROTOCOL_PREFIX = "ticket.";

/** The subprotocols a client offers to open the room with `ticket`. */
export function roomProtocols(ticket: string): string[] {
  return [ROOM_PROTOCOL, `${TICKET_PROTOCOL_PREFIX}${ticket}`];
}

/** The ticket from a `Sec-WebSocket-Protocol` header, or null unless it offers ROOM_PROTOCOL and one ticket. */
export function ticketFromProtocols(header: string | null | undefined): string | null {
  const offered = (header ?? "").split(",").map((p) => p.trim());
  const tickets = offered.filter((p) => p.startsWith(TICKET_PROTOCOL_PREFIX));
  if (!offered.includes(ROOM_PROTOCOL) || tickets.length !== 1) return null;
  const ticket = tickets[0]?.slice(TICKET_PROTOCOL_PREFIX.length) ?? "";
  return ticket.length > 0 && ticket.length <= 2048 ? ticket : null;
}
