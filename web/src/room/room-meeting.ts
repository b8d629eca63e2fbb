import { useEffect, useState } from "react";
import { fetchMeeting, type MeetingPublic } from "../attendee/attendee-api";
import { viewerZone } from "../attendee/time-format";

/**
 * The meeting's public page data, for the room's Seventh Tradition links and its end screen
 * (the group's next meeting). A courtesy: without it the room works exactly the same.
 */
export function useRoomMeeting(slug: string): MeetingPublic | null {
  const [meeting, setMeeting] = useState<MeetingPublic | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchMeeting(slug, viewerZone(), abort.signal)
      .then((r) => setMeeting(r.meeting))
      .catch(() => undefined);
    return () => abort.abort();
  }, [slug]);
  return meeting;
}

/** Does the group have any Seventh Tradition link (its Stripe Payment Link among them)? */
export function hasSeventhTradition(meeting: MeetingPublic | null): boolean {
  return meeting !== null && Object.values(meeting.seventhTradition).some(Boolean);
}
