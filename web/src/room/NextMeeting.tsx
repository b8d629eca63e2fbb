import { useEffect, useState } from "react";
import { Link } from "wouter";
import { type DirectoryItem, fetchGroupMeetings } from "../attendee/attendee-api";
import { describeBothZones, viewerZone } from "../attendee/time-format";
import { room as strings } from "../i18n/room";

/** The group's next meeting (from the directory), or the way back to all meetings. */
export function NextMeeting({ group }: { group: { name: string; slug: string } | null }) {
  const t = strings.useT();
  const [next, setNext] = useState<DirectoryItem | null>(null);
  const groupSlug = group?.slug ?? null;
  useEffect(() => {
    if (!groupSlug) return;
    const abort = new AbortController();
    fetchGroupMeetings(groupSlug, viewerZone(), abort.signal)
      .then((r) => setNext(r.items[0] ?? null))
      // Without it the screen still offers every other meeting.
      .catch(() => undefined);
    return () => abort.abort();
  }, [groupSlug]);
  const when = next
    ? describeBothZones(next.nextStart.at, next.nextStart.viewer, next.nextStart.meeting, t.locale).viewer
    : null;
  return (
    <>
      {next && group ? (
        <p className="next-meeting">
          {t("room.nextMeeting", { group: group.name })}{" "}
          <Link href={`/m/${next.slug}`}>
            {next.name} — <time dateTime={next.nextStart.at}>{when}</time>
          </Link>
        </p>
      ) : null}
      <p>
        <Link href="/">{t("room.findMeeting")}</Link>
      </p>
    </>
  );
}
