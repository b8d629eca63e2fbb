import { describe, expect, it } from "vitest";
import { ROOM_PROTOCOL, roomProtocols, ticketFromProtocols } from "./room-socket-protocol";

describe("room socket subprotocols", () => {
  it("round-trips a ticket (JWTs use only subprotocol-safe characters)", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwXzEifQ.c2lnbmF0dXJl-_";
    expect(ticketFromProtocols(roomProtocols(jwt).join(", "))).toBe(jwt);
  });

  it("refuses a missing room protocol, no ticket, two tickets or an empty one", () => {
    expect(ticketFromProtocols("ticket.abc")).toBeNull();
    expect(ticketFromProtocols(ROOM_PROTOCOL)).toBeNull();
    expect(ticketFromProtocols(`${ROOM_PROTOCOL}, ticket.a, ticket.b`)).toBeNull();
    expect(ticketFromProtocols(`${ROOM_PROTOCOL}, ticket.`)).toBeNull();
    expect(ticketFromProtocols(null)).toBeNull();
  });
});
