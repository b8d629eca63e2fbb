import { useLocation } from "wouter";
import { room as strings } from "../i18n/room";
import { AttendeeBar } from "./AttendeeBar";
import { ChatPanel } from "./ChatPanel";
import { HostPanel } from "./HostPanel";
import { SlipControl } from "./SlipControl";
import { Roster } from "./Roster";
import { RoomAnnouncer } from "./RoomAnnouncer";
import { RoomPromise } from "./RoomPromise";
import { RoomSeventhTradition } from "./RoomSeventhTradition";
import { ShareTimer } from "./ShareTimer";
import { VoiceBar } from "./VoiceBar";
import type { RoomHandle } from "./use-room";

type Props = { handle: RoomHandle; meetingName: string; slug: string };

/** The room once admitted: chat, people, the attendee's bar, and the host's controls for hosts. */
export function LiveRoom({ handle, meetingName, slug }: Props) {
  const t = strings.useT();
  const [, navigate] = useLocation();
  const { view, send } = handle;
  const isHost = view.self?.role === "host";
  const conference = view.conference;
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
      <RoomAnnouncer view={view} />
      <RoomSeventhTradition slug={slug} />
      <VoiceBar handle={handle} />
      <ChatPanel view={view} send={send} />
      <AttendeeBar view={view} send={send} dropReaction={handle.dropReaction} />
      <Roster view={view} send={send} />
      <SlipControl view={view} send={send} />
      {isHost ? <HostPanel view={view} send={send} /> : null}
    </div>
  );
}
