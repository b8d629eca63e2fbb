import { Suspense, useState } from "react";
import { useLocation } from "wouter";
import type { MeetingPublic } from "../attendee/attendee-api";
import { SeventhTradition } from "../attendee/SeventhTradition";
import { room as strings } from "../i18n/room";
import { AttendeeBar } from "./AttendeeBar";
import { ChatPanel } from "./ChatPanel";
import { HostPanel } from "./host-lazy";
import { hasSeventhTradition } from "./room-meeting";
import { SlipControl } from "./SlipControl";
import { Roster } from "./Roster";
import { RoomAnnouncer } from "./RoomAnnouncer";
import { RoomPromise } from "./RoomPromise";
import { ShareTimer } from "./ShareTimer";
import { VoiceBar } from "./VoiceBar";
import type { RoomHandle } from "./use-room";

type Props = {
  handle: RoomHandle;
  meetingName: string;
  slug: string;
  occurrenceId: string;
  meeting: MeetingPublic | null;
};

/**
 * The room once admitted. Chat and its composer come first (on a phone they fill the first screen),
 * the controls sit in a bar (fixed at the bottom on phones), then people, slips, the Seventh
 * Tradition and, for hosts, their controls.
 */
export function LiveRoom({ handle, meetingName, slug, occurrenceId, meeting }: Props) {
  const t = strings.useT();
  const [, navigate] = useLocation();
  const { view, send } = handle;
  const isHost = view.self?.role === "host";
  const conference = view.conference;
  const [speaking, setSpeaking] = useState<ReadonlySet<string>>(() => new Set());
  return (
    <div className={isHost ? "room room-host" : "room"}>
      <header className="room-header">
        <h1>{meetingName}</h1>
        <p className="room-meta">
          {t.plural("room.peopleCount", view.roster.length)}
          {view.state.locked ? <span className="pill">{t("room.locked")}</span> : null}
          {isHost ? <span className="pill">{t("room.youAreHost")}</span> : null}
        </p>
        <ShareTimer timer={view.state.timer} />
        <button
          type="button"
          className="leave"
          onClick={() => {
            handle.leave();
            navigate(`/m/${slug}`);
          }}
        >
          {t("room.leave")}
        </button>
      </header>
      <RoomAnnouncer view={view} />
      <ChatPanel view={view} send={send} occurrenceId={occurrenceId} />
      <AttendeeBar
        view={view}
        send={send}
        dropReaction={handle.dropReaction}
        hasSeventh={hasSeventhTradition(meeting)}
      />
      <VoiceBar handle={handle} onSpeaking={setSpeaking} />
      {conference && (conference.url || conference.phone) ? (
        <p className="conference">
          {t("room.conference")}{" "}
          {conference.url ? (
            <a href={conference.url} rel="noopener noreferrer" target="_blank">
              {conference.url}
            </a>
          ) : null}{" "}
          {conference.phone ? <a href={`tel:${conference.phone}`}>{conference.phone}</a> : null} {conference.notes}
        </p>
      ) : null}
      <RoomPromise view={view} />
      <Roster view={view} send={send} speaking={speaking} />
      <SlipControl view={view} send={send} />
      {isHost ? (
        <Suspense fallback={null}>
          <HostPanel view={view} send={send} />
        </Suspense>
      ) : null}
      {meeting ? <SeventhTradition handles={meeting.seventhTradition} /> : null}
    </div>
  );
}
