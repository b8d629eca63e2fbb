import type { ParticipantRow } from "../worker/rooms/store";

/** A participant as the room stores them, for the room rules' unit tests: admitted, unmuted, online attendee. */
export const row = (id: string, over: Partial<ParticipantRow> = {}): ParticipantRow => ({
  id,
  name: id,
  role: "attendee",
  status: "admitted",
  muted: false,
  canSelfUnmute: false,
  subject: `s-${id}`,
  device: null,
  userId: null,
  online: true,
  joinedAt: 0,
  admittedAt: 0,
  ...over,
});
