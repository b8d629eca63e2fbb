import { describe, expect, it } from "vitest";
import {
  JOIN_PROTOCOL_PREFIX,
  joinFromProtocols,
  joinProtocols,
  ROOM_PROTOCOL,
  resumeProtocols,
  roomProtocols,
  sessionFromProtocols,
  ticketFromProtocols,
} from "./room-socket-protocol";

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

describe("the join subprotocol", () => {
  it("round-trips a join request, names outside ASCII included", () => {
    const request = { displayName: "José 🌱", passcode: "serenity", deviceKey: "k".repeat(20) };
    expect(joinFromProtocols(joinProtocols(request).join(", "))).toEqual(request);
  });

  it("says undefined without a join offer and null for an unreadable one", () => {
    expect(joinFromProtocols(`${ROOM_PROTOCOL}, ticket.abc`)).toBeUndefined();
    expect(joinFromProtocols(`${JOIN_PROTOCOL_PREFIX}e30`)).toBeNull(); // no room protocol
    expect(joinFromProtocols(`${ROOM_PROTOCOL}, ${JOIN_PROTOCOL_PREFIX}e30, ${JOIN_PROTOCOL_PREFIX}e30`)).toBeNull();
    expect(joinFromProtocols(`${ROOM_PROTOCOL}, ${JOIN_PROTOCOL_PREFIX}not*base64`)).toBeNull();
    expect(joinFromProtocols(`${ROOM_PROTOCOL}, ${JOIN_PROTOCOL_PREFIX}bm90IGpzb24`)).toBeNull(); // "not json"
    expect(joinFromProtocols(`${ROOM_PROTOCOL}, ${JOIN_PROTOCOL_PREFIX}${"A".repeat(9_000)}`)).toBeNull();
  });
});

describe("the resume subprotocol", () => {
  it("round-trips a session token and is never read as a ticket", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwXzEifQ.c2lnbmF0dXJl-_";
    const header = resumeProtocols(jwt).join(", ");
    expect(sessionFromProtocols(header)).toBe(jwt);
    expect(ticketFromProtocols(header)).toBeNull();
    expect(sessionFromProtocols(roomProtocols(jwt).join(", "))).toBeNull();
  });
});
