import { useEffect, useRef, useState } from "react";
import { FLOOR_MODES, type FloorMode } from "#shared/floor-modes";
import { voice as strings } from "../i18n/voice";
import type { RoomHandle } from "./use-room";
import { VoiceClient, type VoiceStatus } from "./voice-client";

/** True when a key press comes from a field where Space types a space. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON"].includes(el.tagName));
}

/**
 * The room's audio: listen-only until one click joins; unmute (or hold Space) to speak when the
 * floor allows; hosts set who may speak and give or take the floor. What the room decides is
 * explained in words, never silent.
 */
export function VoiceBar({ handle }: { handle: RoomHandle }) {
  const t = strings.useT();
  const { view, send, listen } = handle;
  const [status, setStatus] = useState<VoiceStatus>({ phase: "off", micDenied: false });
  const [ptt, setPtt] = useState<"on" | "off" | null>(null);
  const clientRef = useRef<VoiceClient | null>(null);
  const self = view.self;
  const isHost = self?.role === "host";
  const mutedByHost = !!self && self.muted && !self.canSelfUnmute;

  useEffect(() => {
    const client = new VoiceClient(send, setStatus);
    clientRef.current = client;
    const unlisten = listen((msg) => client.onFrame(msg));
    return () => {
      unlisten();
      client.close();
    };
  }, [send, listen]);

  // Push to talk: Space held anywhere in the room except where Space types.
  useEffect(() => {
    if (status.phase === "off" || status.phase === "failed") return;
    const down = (e: KeyboardEvent) => {
      if (e.code !== "Space" || e.repeat || typing(e.target)) return;
      e.preventDefault();
      clientRef.current?.unmute();
      setPtt("on");
    };
    const up = (e: KeyboardEvent) => {
      if (e.code !== "Space" || typing(e.target)) return;
      e.preventDefault();
      clientRef.current?.mute();
      setPtt("off");
    };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, [status.phase]);

  const names = new Map(view.roster.map((p) => [p.id, p.name]));
  const floorHolder = view.voice.floor ? names.get(view.voice.floor) : null;
  const firstHand = view.state.hands[0];
  const client = clientRef.current;
  const joined = status.phase === "listening" || status.phase === "speaking";
  return (
    <section className="voice" aria-labelledby="voice-title">
      <h2 id="voice-title">{t("voice.title")}</h2>
      <p className="voice-status" role="status" aria-live="polite">
        {status.phase === "joining" ? t("voice.joining") : null}
        {status.phase === "listening" ? t("voice.listening") : null}
        {status.phase === "speaking" ? t("voice.speaking") : null}
        {ptt ? ` ${t(ptt === "on" ? "voice.pushToTalkOn" : "voice.pushToTalkOff")}` : null}
      </p>
      {status.phase === "failed" ? (
        <p className="notice notice-error" role="alert">
          {t("voice.failed")}
        </p>
      ) : null}
      {status.micDenied ? <p className="notice notice-error">{t("voice.noMic")}</p> : null}
      {mutedByHost && joined ? <p className="notice notice-info">{t("voice.mutedByHost")}</p> : null}
      {floorHolder ? <p className="voice-floor">{t("voice.floorHolder", { name: floorHolder })}</p> : null}
      <div className="voice-actions">
        {status.phase === "off" || status.phase === "failed" ? (
          <button type="button" onClick={() => client?.join()}>
            {t("voice.join")}
          </button>
        ) : (
          <>
            {status.phase === "speaking" ? (
              <button type="button" onClick={() => client?.mute()}>
                {t("voice.mute")}
              </button>
            ) : (
              <button type="button" disabled={!joined || mutedByHost} onClick={() => client?.unmute()}>
                {t("voice.unmute")}
              </button>
            )}
            {view.voice.floor === self?.id ? (
              <button type="button" onClick={() => send({ type: "floor.done" })}>
                {t("voice.done")}
              </button>
            ) : null}
            <button type="button" onClick={() => client?.leave()}>
              {t("voice.leave")}
            </button>
          </>
        )}
      </div>
      {joined ? <p className="hint">{t("voice.pushToTalk")}</p> : null}
      {isHost ? (
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
      ) : null}
    </section>
  );
}
