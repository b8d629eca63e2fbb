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

/** The one token offered under `prefix`, or null unless the header offers ROOM_PROTOCOL and exactly one. */
function tokenFromProtocols(header: string | null | undefined, prefix: string): string | null {
  const offered = (header ?? "").split(",").map((p) => p.trim());
  const tokens = offered.filter((p) => p.startsWith(prefix));
  if (!offered.includes(ROOM_PROTOCOL) || tokens.length !== 1) return null;
  const token = tokens[0]?.slice(prefix.length) ?? "";
  return token.length > 0 && token.length <= 2048 ? token : null;
}

/** The ticket from a `Sec-WebSocket-Protocol` header, or null unless it offers ROOM_PROTOCOL and one ticket. */
export function ticketFromProtocols(header: string | null | undefined): string | null {
  return tokenFromProtocols(header, TICKET_PROTOCOL_PREFIX);
}

/**
 * The one-round-trip reconnect: the room session token (from the join) instead of a ticket, so a
 * dropped socket comes back as the same participant without a `/rejoin` first.
 */
export const RESUME_PROTOCOL_PREFIX = "resume.";

/** The subprotocols a client offers to reconnect with its room session token. */
export function resumeProtocols(sessionToken: string): string[] {
  return [ROOM_PROTOCOL, `${RESUME_PROTOCOL_PREFIX}${sessionToken}`];
}

/** The session token offered to resume, or null unless the header offers ROOM_PROTOCOL and one. */
export function sessionFromProtocols(header: string | null | undefined): string | null {
  return tokenFromProtocols(header, RESUME_PROTOCOL_PREFIX);
}

/**
 * The one-round-trip join: instead of a ticket, the client offers `JOIN_PROTOCOL_PREFIX` + the
 * join request (the `POST /join` body as base64url JSON). The room decides on the upgrade and
 * answers over the socket: `joined` then `welcome`/`waiting`, or `join.refused` and a close.
 */
export const JOIN_PROTOCOL_PREFIX = "join.";
/** A join request's encoded length limit (the `POST /join` body's fields fit well within it). */
export const JOIN_PROTOCOL_MAX = 8_192;

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The subprotocols a client offers to join with `request` (the same fields as the `POST /join` body). */
export function joinProtocols(request: Record<string, unknown>): string[] {
  return [ROOM_PROTOCOL, `${JOIN_PROTOCOL_PREFIX}${base64url(new TextEncoder().encode(JSON.stringify(request)))}`];
}

/** Strict UTF-8 (a malformed request is unreadable, not repaired); one decoder for every join. */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * The join request offered in a `Sec-WebSocket-Protocol` header: `undefined` when none is offered
 * (a ticket socket), `null` when one is offered but unreadable, else the parsed JSON to validate.
 */
export function joinFromProtocols(header: string | null | undefined): unknown {
  const offered = (header ?? "").split(",").map((p) => p.trim());
  const joins = offered.filter((p) => p.startsWith(JOIN_PROTOCOL_PREFIX));
  if (joins.length === 0) return undefined;
  const encoded = joins[0]?.slice(JOIN_PROTOCOL_PREFIX.length) ?? "";
  if (!offered.includes(ROOM_PROTOCOL) || joins.length !== 1 || encoded.length > JOIN_PROTOCOL_MAX) return null;
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return null;
  try {
    const binary = atob(encoded.replaceAll("-", "+").replaceAll("_", "/"));
    const text = UTF8.decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
    return JSON.parse(text);
  } catch {
    return null;
  }
}
