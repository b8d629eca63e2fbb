import type { JoinedSeat } from "./join-answer";

/**
 * What a successful join hands the room page (the room's `joined` answer, plus where it came from),
 * kept per tab so a reload can reconnect: reconnects offer `sessionToken` to resume the same seat.
 * Never the passcode or the join request itself.
 */
export type RoomSession = JoinedSeat & {
  wsUrl: string;
  occurrenceId: string;
  meetingSlug: string;
  meetingName: string;
};

const key = (occurrenceId: string) => `mh.room.${occurrenceId}`;

/** Per tab (sessionStorage): closing the tab forgets the seat, which is what anonymity wants. */
export function saveRoomSession(session: RoomSession): void {
  sessionStorage.setItem(key(session.occurrenceId), JSON.stringify(session));
}

export function loadRoomSession(occurrenceId: string): RoomSession | null {
  try {
    const raw = sessionStorage.getItem(key(occurrenceId));
    return raw ? (JSON.parse(raw) as RoomSession) : null;
  } catch {
    return null;
  }
}

export function forgetRoomSession(occurrenceId: string): void {
  sessionStorage.removeItem(key(occurrenceId));
}
