import { useEffect, useState } from "react";
import { fetchMeeting, type MeetingPublic } from "../attendee/attendee-api";
import { SeventhTradition } from "../attendee/SeventhTradition";

/** The group's Seventh Tradition links (its Stripe Payment Link among them) inside the room. */
export function RoomSeventhTradition({ slug }: { slug: string }) {
  const [handles, setHandles] = useState<MeetingPublic["seventhTradition"] | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchMeeting(slug, Intl.DateTimeFormat().resolvedOptions().timeZone, abort.signal)
      .then((r) => setHandles(r.meeting.seventhTradition))
      // The links are a courtesy: without them the room works exactly the same.
      .catch(() => undefined);
    return () => abort.abort();
  }, [slug]);
  return handles ? <SeventhTradition handles={handles} /> : null;
}
