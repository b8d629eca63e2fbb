import { room as strings } from "../i18n/room";
import type { RoomView } from "./room-state";

/**
 * What this room keeps and whether latecomers read back (from the welcome), and, in meetings that
 * show it after admission, the passcode the room sent once a host let this person in.
 */
export function RoomPromise({ view }: { view: RoomView }) {
  const t = strings.useT();
  return (
    <>
      {view.passcode ? (
        <p className="room-passcode" role="status">
          {t("room.passcode")} <strong className="passcode-value">{view.passcode}</strong>
        </p>
      ) : null}
      {view.privacy ? (
        <p className="room-privacy">
          {t(`room.privacy.${view.privacy.chatRetention}`)}{" "}
          {t(view.privacy.latecomerChat ? "room.privacy.latecomersOn" : "room.privacy.latecomersOff")}
        </p>
      ) : null}
    </>
  );
}
