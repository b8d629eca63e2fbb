import { type FormEvent, useState } from "react";
import type { ClientMessage, WaitingEntry } from "#shared/room-protocol";
import { LIMITS } from "./protocol-client";
import { host as strings } from "../i18n/host";
import { WAITING_LIST_ID } from "./AttendeeBar";
import { useChimeSetting, useKnockAlert } from "./knock";

type Props = { waiting: WaitingEntry[]; send: (m: ClientMessage) => void };

/**
 * The waiting room as hosts see it: admit, admit all, deny, and a message to everyone waiting.
 * A knock is announced ("Someone is waiting") and, when the host chose it on this device, chimes.
 */
export function WaitingList({ waiting, send }: Props) {
  const t = strings.useT();
  const [greeting, setGreeting] = useState("");
  const [sent, setSent] = useState(false);
  const [chime, setChime] = useChimeSetting();
  const knocks = useKnockAlert(waiting, chime);
  const sendGreeting = (e: FormEvent) => {
    e.preventDefault();
    if (!greeting.trim()) return;
    send({ type: "host.messageWaiting", text: greeting.trim() });
    setGreeting("");
    setSent(true);
  };
  return (
    <section aria-labelledby="waiting-list-title" className="host-block">
      <h3 id={WAITING_LIST_ID} tabIndex={-1}>
        {t.plural("host.waitingCount", waiting.length)}
      </h3>
      {/* The same words again on each knock: the key makes it a new node, so screen readers repeat it. */}
      <div className="visually-hidden" aria-live="polite">
        {knocks > 0 ? <span key={knocks}>{t("knock.someoneWaiting")}</span> : null}
      </div>
      <label className="check">
        <input type="checkbox" checked={chime} onChange={(e) => setChime(e.target.checked)} />
        <span>{t("host.chime")}</span>
      </label>
      {waiting.length > 1 ? (
        <button type="button" className="primary" onClick={() => send({ type: "host.admitAll" })}>
          {t("host.admitAll")}
        </button>
      ) : null}
      <ul className="waiting-list">
        {waiting.map((w) => (
          <li key={w.id}>
            <span className="person-name">{w.name}</span>
            <button type="button" className="primary" onClick={() => send({ type: "host.admit", participantId: w.id })}>
              {t("host.admit")}
              <span className="visually-hidden"> {w.name}</span>
            </button>
            <button type="button" onClick={() => send({ type: "host.deny", participantId: w.id })}>
              {t("host.deny")}
              <span className="visually-hidden"> {w.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={sendGreeting} className="inline-form">
        <label className="field">
          <span>{t("host.messageWaiting")}</span>
          <input
            value={greeting}
            maxLength={LIMITS.greeterChars}
            onChange={(e) => {
              setGreeting(e.target.value);
              setSent(false);
            }}
          />
        </label>
        <button type="submit">{t("host.sendMessage")}</button>
      </form>
      <p role="status" className="hint">
        {sent ? t("host.messageSent") : ""}
      </p>
    </section>
  );
}
