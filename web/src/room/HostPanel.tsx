import { useState } from "react";
import type { ChatMode, ClientMessage } from "#shared/room-protocol";
import { CHAT_MODES } from "./protocol-client";
import { host as strings } from "../i18n/host";
import { ConfirmButton } from "./ConfirmButton";
import { ReportsQueue } from "./ReportsQueue";
import { SlipRequests } from "./SlipRequests";
import type { RoomView } from "./room-state";
import { WaitingList } from "./WaitingList";

type Props = { view: RoomView; send: (m: ClientMessage) => void };
const TIMER_MINUTES = [1, 2, 3, 5, 10] as const;

/** Host controls: waiting list, room-wide switches, the share timer, reports, and the exits. */
export function HostPanel({ view, send }: Props) {
  const t = strings.useT();
  const [allowSelfUnmute, setAllowSelfUnmute] = useState(false);
  const [minutes, setMinutes] = useState("3");
  const { locked, chatMode, timer } = view.state;
  return (
    <section className="host-panel" aria-labelledby="host-title">
      <h2 id="host-title">{t("host.title")}</h2>
      <WaitingList waiting={view.waiting} send={send} />
      <SlipRequests view={view} send={send} />
      <section aria-labelledby="controls-title" className="host-block">
        <h3 id="controls-title">{t("host.room")}</h3>
        <div className="control-row">
          <button type="button" aria-pressed={locked} onClick={() => send({ type: "host.lock", locked: !locked })}>
            {locked ? t("host.unlock") : t("host.lock")}
          </button>
          <label className="field">
            <span>{t("host.chatMode")}</span>
            <select
              value={chatMode}
              onChange={(e) => send({ type: "host.chatMode", mode: e.target.value as ChatMode })}
            >
              {CHAT_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`host.chatMode.${mode}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="control-row">
          <button type="button" onClick={() => send({ type: "host.muteAll", allowSelfUnmute })}>
            {t("host.muteAll")}
          </button>
          <label className="check">
            <input type="checkbox" checked={allowSelfUnmute} onChange={(e) => setAllowSelfUnmute(e.target.checked)} />
            <span>{t("host.allowSelfUnmute")}</span>
          </label>
        </div>
        <div className="control-row">
          <label className="field">
            <span>{t("host.timerLength")}</span>
            <select value={minutes} onChange={(e) => setMinutes(e.target.value)}>
              {TIMER_MINUTES.map((m) => (
                <option key={m} value={String(m)}>
                  {t.plural("host.minutes", m)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => send({ type: "host.timer", seconds: Number(minutes) * 60 })}>
            {t("host.startTimer")}
          </button>
          {timer ? (
            <button type="button" onClick={() => send({ type: "host.timer", seconds: null })}>
              {t("host.stopTimer")}
            </button>
          ) : null}
        </div>
      </section>
      <ReportsQueue view={view} send={send} />
      <section aria-labelledby="exits-title" className="host-block">
        <h3 id="exits-title">{t("host.safety")}</h3>
        {view.state.suspended ? (
          <div className="resume">
            <p className="hint">{t("host.resumeHint")}</p>
            <button type="button" className="primary" onClick={() => send({ type: "host.resume" })}>
              {t("host.resume")}
            </button>
          </div>
        ) : (
          <ConfirmButton
            label={t("host.suspendAll")}
            confirmText={t("host.suspendConfirm")}
            confirmLabel={t("host.suspendYes")}
            onConfirm={() => send({ type: "host.suspendAll" })}
          />
        )}
        <ConfirmButton
          label={t("host.end")}
          confirmText={t("host.endConfirm")}
          confirmLabel={t("host.endYes")}
          onConfirm={() => send({ type: "host.end" })}
        />
      </section>
    </section>
  );
}
