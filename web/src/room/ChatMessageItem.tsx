import { useState } from "react";
import type { ChatMessage, ClientMessage } from "#shared/room-protocol";
import { room as strings } from "../i18n/room";

type Props = {
  message: ChatMessage;
  mine: boolean;
  isHost: boolean;
  send: (m: ClientMessage) => void;
  /** This person's messages are hidden for me (shown only with "Show hidden"). */
  hidden: boolean;
  /** Hide (true) or show again (false) this person's messages; null where hiding is not offered. */
  onHide: ((hide: boolean) => void) | null;
};

const timeFormat = new Map<string, Intl.DateTimeFormat>();
function shortTime(at: number, locale: string): string {
  const fmt = timeFormat.get(locale) ?? new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" });
  timeFormat.set(locale, fmt);
  return fmt.format(at);
}

/** One chat line, with "report" for others' messages and "delete" for hosts (and for your own). */
export function ChatMessageItem({ message, mine, isHost, send, hidden, onHide }: Props) {
  const t = strings.useT();
  const [reported, setReported] = useState(false);
  return (
    <li className={`chat-line${mine ? " mine" : ""}${hidden ? " hidden-person" : ""}`}>
      <p className="chat-head">
        <strong>{message.name}</strong>{" "}
        <time dateTime={new Date(message.at).toISOString()}>{shortTime(message.at, t.locale)}</time>
      </p>
      <p className="chat-text">{message.text}</p>
      <div className="chat-actions">
        {!mine ? (
          <button
            type="button"
            className="small"
            disabled={reported}
            onClick={() => {
              send({ type: "report", messageId: message.id, reason: "" });
              setReported(true);
            }}
          >
            {reported ? t("chat.reported") : t("chat.report")}
            <span className="visually-hidden"> — {message.name}</span>
          </button>
        ) : null}
        {onHide ? (
          <button type="button" className="small" onClick={() => onHide(!hidden)}>
            {hidden ? t("chat.unhide") : t("chat.hide")}
            <span className="visually-hidden"> — {message.name}</span>
          </button>
        ) : null}
        {isHost || mine ? (
          <button type="button" className="small" onClick={() => send({ type: "chat.delete", messageId: message.id })}>
            {t("chat.delete")}
            <span className="visually-hidden"> — {message.name}</span>
          </button>
        ) : null}
      </div>
    </li>
  );
}
