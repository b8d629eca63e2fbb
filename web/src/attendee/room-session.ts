import type { JoinAnswer } from "./attendee-api";

/**
 * What a successful join hands the room page (the join answer, plus where it came from), kept per
 * tab so a reload can reconnect. `ticket` is single use (≤ 60 s): null once spent, and reconnects
 * trade `sessionToken` for a fresh one.
 */
export type RoomSession = Omit<JoinAnswer, "ticket"> & {
  ticket: string | null;
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
