import { ROOM_SESSION_TTL_SECONDS, signToken, TICKET_TTL_SECONDS } from "../auth/jwt";
import type { RoomRole } from "#shared/room-protocol";

type Seat = { participantId: string; role: RoomRole };

/** A one-minute, single-use ticket that opens one socket into the occurrence's room. */
export function roomTicket(secret: string, occurrenceId: string, seat: Seat): Promise<string> {
  return signToken(
    secret,
    "meetinghouse:room-ticket",
    seat.participantId,
    { occ: occurrenceId, role: seat.role },
    TICKET_TTL_SECONDS,
  );
}

/** The room session token: trades for fresh tickets (`/rejoin`) and authorizes the HTTP mirrors. */
export function roomSessionToken(secret: string, occurrenceId: string, seat: Seat): Promise<string> {
  return signToken(
    secret,
    "meetinghouse:room-session",
    seat.participantId,
    { occ: occurrenceId, role: seat.role },
    ROOM_SESSION_TTL_SECONDS,
  );
}
