import { useEffect, useRef, useState } from "react";
import { useTitle } from "../attendee/use-load";
import { Link } from "wouter";
import { loadRoomSession, type RoomSession } from "../attendee/room-session";
import { room as strings } from "../i18n/room";
import { hasIssuedSlip } from "../slips/slip-tab";
import { LiveRoom } from "./LiveRoom";
import { NextMeeting } from "./NextMeeting";
import { useRoomMeeting } from "./room-meeting";
import { useRoom } from "./use-room";
import { WaitingScreen } from "./WaitingScreen";

/** `/room/:occurrenceId` — the lazily loaded room: waiting room, the live room, or how it ended. */
export default function RoomPage({ params }: { params: { occurrenceId: string } }) {
  const t = strings.useT();
  const [session] = useState(() => loadRoomSession(params.occurrenceId));
  if (!session) {
    return (
      <section className="room-end">
        <h1>{t("room.noSeat")}</h1>
        <p>{t("room.noSeatHint")}</p>
        <Link href="/">{t("room.backToMeetings")}</Link>
      </section>
    );
  }
  return <Room session={session} />;
}

function Room({ session }: { session: RoomSession }) {
  const t = strings.useT();
  const handle = useRoom(session);
  const meeting = useRoomMeeting(session.meetingSlug);
  const { view, connection } = handle;
  useTitle(view.phase === "waiting" ? t("waiting.title") : session.meetingName);
  const banner =
    connection === "reconnecting" && (view.phase === "in" || view.phase === "waiting" || view.phase === "connecting");
  return (
    <>
      <div className="reconnect-slot" role="status">
        {banner ? <p className="reconnecting">{t("room.reconnecting")}</p> : null}
      </div>
      {view.phase === "connecting" ? <p className="page-placeholder">{t("room.connecting")}</p> : null}
      {view.phase === "waiting" ? (
        <WaitingScreen
          meetingName={session.meetingName}
          message={view.waitingMessage}
          onLeave={handle.leave}
          slug={session.meetingSlug}
        />
      ) : null}
      {view.phase === "in" ? (
        <LiveRoom
          handle={handle}
          meetingName={session.meetingName}
          slug={session.meetingSlug}
          occurrenceId={session.occurrenceId}
          meeting={meeting}
        />
      ) : null}
      {view.phase === "removed" || view.phase === "ended" || view.phase === "lost" ? (
        <RoomOver view={view} slug={session.meetingSlug} group={meeting?.group ?? null} />
      ) : null}
    </>
  );
}

type OverProps = {
  view: ReturnType<typeof useRoom>["view"];
  slug: string;
  group: { name: string; slug: string } | null;
};

/** How the room ended for this person: a calm "Keep coming back" with the group's next meeting, or removal's own words. */
function RoomOver({ view, slug, group }: OverProps) {
  const t = strings.useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // The room just went away around the person: move focus to the news so it is read at once.
  useEffect(() => heading.current?.focus(), []);
  if (view.phase === "ended") {
    return (
      <section className="room-end room-ended" aria-labelledby="room-end-title">
        <h1 id="room-end-title" tabIndex={-1} ref={heading}>
          {t("room.endedTitle")}
        </h1>
        <p>
          {t("room.ended")} {t("room.endedHint")}
        </p>
        <NextMeeting group={group} />
        {/* The room is gone, but a slip it issued stays in this tab until it closes: still printable. */}
        {hasIssuedSlip() ? (
          <p>
            <Link href="/slip">{t("slip.print")}</Link>
          </p>
        ) : null}
      </section>
    );
  }
  const title =
    view.phase === "lost"
      ? t("room.lost")
      : view.removedReason === "banned"
        ? t("room.banned")
        : view.removedReason === "denied"
          ? t("room.denied")
          : t("room.removed");
  return (
    <section className="room-end" aria-labelledby="room-end-title">
      <h1 id="room-end-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      <p>{t("room.overHint")}</p>
      {/* The room is gone, but a slip it issued stays in this tab until it closes: still printable. */}
      {hasIssuedSlip() ? (
        <p>
          <Link href="/slip">{t("slip.print")}</Link>
        </p>
      ) : null}
      <p>
        <Link href={view.phase === "lost" ? `/m/${slug}/join` : "/"}>
          {view.phase === "lost" ? t("room.joinAgain") : t("room.backToMeetings")}
        </Link>
      </p>
    </section>
  );
}
