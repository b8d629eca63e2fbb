import type { ClientMessage } from "#shared/room-protocol";
import { FLOOR_MODES, type FloorMode } from "#shared/floor-modes";
import { voice as strings } from "../i18n/voice";
import type { RoomView } from "./room-state";

/** A host's say over the room's audio: who may speak, and giving or taking back the floor. */
export function HostVoiceControls({ view, send }: { view: RoomView; send: (m: ClientMessage) => void }) {
  const t = strings.useT();
  const names = new Map(view.roster.map((p) => [p.id, p.name]));
  const firstHand = view.state.hands[0];
  return (
    <div className="voice-host">
      <label>
        {t("voice.mode")}{" "}
        <select
          value={view.voice.mode}
          onChange={(e) => send({ type: "host.floorMode", mode: e.target.value as FloorMode })}
        >
          {FLOOR_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`voice.mode.${mode}`)}
            </option>
          ))}
        </select>
      </label>
      {view.voice.mode === "raise_hand" && firstHand && names.get(firstHand) ? (
        <button
          type="button"
          onClick={() =>
            send({ type: "host.floorGive", participantId: firstHand, seconds: view.state.timer?.seconds ?? 300 })
          }
        >
          {t("voice.giveFloor", { name: names.get(firstHand) ?? "" })}
        </button>
      ) : null}
      {view.voice.floor ? (
        <button type="button" onClick={() => send({ type: "host.floorTake" })}>
          {t("voice.takeFloor")}
        </button>
      ) : null}
    </div>
  );
}
