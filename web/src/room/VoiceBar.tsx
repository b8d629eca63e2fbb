import { Suspense, useCallback, useEffect, useRef, useState } from "react";
import { voice as strings } from "../i18n/voice";
import { HostVoiceControls } from "./host-lazy";
import { type LoudSince, readSpeaking, sameSpeakers } from "./speaking";
import type { RoomHandle } from "./use-room";
import type { VoiceClient, VoiceStatus } from "./voice-client";

/** True when a key press comes from a field where Space types a space. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON"].includes(el.tagName));
}

/** How often the received tracks' levels are read for the roster's speaking marks, ms. */
const LEVEL_EVERY_MS = 200;
const NOBODY: ReadonlySet<string> = new Set();

type Props = { handle: RoomHandle; onSpeaking: (speaking: ReadonlySet<string>) => void };

/**
 * The room's audio: listen-only until one click joins (the voice client's code loads then, not with
 * the room); unmute (or hold Space) to speak when the floor allows; hosts set who may speak and give
 * or take the floor. What the room decides is explained in words, never silent. While joined, the
 * levels of the tracks this browser receives say who is speaking (`onSpeaking`, for the roster).
 */
export function VoiceBar({ handle, onSpeaking }: Props) {
  const t = strings.useT();
  const { view, send, listen } = handle;
  const [status, setStatus] = useState<VoiceStatus>({ phase: "off", micDenied: false, fallback: null });
  const [ptt, setPtt] = useState<"on" | "off" | null>(null);
  const clientRef = useRef<VoiceClient | null>(null);
  const unlistenRef = useRef<(() => void) | null>(null);
  const self = view.self;
  const selfId = self?.id ?? null;
  const isHost = self?.role === "host";
  const mutedByHost = !!self && self.muted && !self.canSelfUnmute;
  const speakersRef = useRef(view.voice.speakers);
  speakersRef.current = view.voice.speakers;

  useEffect(
    () => () => {
      unlistenRef.current?.();
      clientRef.current?.close();
    },
    [],
  );

  const join = useCallback(async () => {
    if (!clientRef.current) {
      setStatus({ phase: "joining", micDenied: false, fallback: null });
      try {
        const { VoiceClient } = await import("./voice-client");
        const client = new VoiceClient(send, setStatus);
        unlistenRef.current = listen((msg) => client.onFrame(msg));
        clientRef.current = client;
      } catch {
        setStatus({ phase: "failed", micDenied: false, fallback: null });
        return;
      }
    }
    clientRef.current.join();
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

  const joined = status.phase === "listening" || status.phase === "speaking";

  // Who is speaking: levels of the people the room forwards, a few times a second while joined.
  useEffect(() => {
    const client = clientRef.current;
    if (!joined || !client) return;
    let loud: LoudSince = new Map();
    let shown = NOBODY;
    let reading = false;
    const read = async () => {
      if (reading) return;
      reading = true;
      try {
        const forwarded = new Set(speakersRef.current);
        const levels = new Map([...(await client.levels(selfId))].filter(([id]) => forwarded.has(id)));
        const next = readSpeaking(loud, levels, performance.now());
        loud = next.loud;
        if (!sameSpeakers(shown, next.speaking)) {
          shown = next.speaking;
          onSpeaking(shown);
        }
      } finally {
        reading = false;
      }
    };
    const timer = setInterval(() => void read(), LEVEL_EVERY_MS);
    return () => {
      clearInterval(timer);
      onSpeaking(NOBODY);
    };
  }, [joined, selfId, onSpeaking]);

  const names = new Map(view.roster.map((p) => [p.id, p.name]));
  const floorHolder = view.voice.floor ? names.get(view.voice.floor) : null;
  const client = clientRef.current;
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
      {status.fallback === "weak" && status.phase === "listening" ? (
        <div className="notice notice-info">
          <p role="alert">{t("voice.weak")}</p>
          <button type="button" disabled={mutedByHost} onClick={() => client?.unmute()}>
            {t("voice.tryAgain")}
          </button>
        </div>
      ) : null}
      {status.fallback === "reconnected" && (status.phase === "joining" || status.phase === "listening") ? (
        <p className="notice notice-info" role="status">
          {t("voice.reconnected")}
        </p>
      ) : null}
      {mutedByHost && joined ? <p className="notice notice-info">{t("voice.mutedByHost")}</p> : null}
      {floorHolder ? <p className="voice-floor">{t("voice.floorHolder", { name: floorHolder })}</p> : null}
      <div className="voice-actions">
        {status.phase === "off" || status.phase === "failed" ? (
          <button type="button" onClick={() => void join()}>
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
        <Suspense fallback={null}>
          <HostVoiceControls view={view} send={send} />
        </Suspense>
      ) : null}
    </section>
  );
}
