import { type FormEvent, useState } from "react";
import type { ClientMessage } from "#shared/room-protocol";
import { LIMITS } from "./protocol-client";
import { room as strings } from "../i18n/room";
import { ChatMessageItem } from "./ChatMessageItem";
import { chatToShow, useHiddenPeople } from "./hidden-people";
import { composerBlock, type RoomView } from "./room-state";
import { useStickToBottom } from "./use-stick-to-bottom";

/** Messages rendered at once: a window over the newest (the DOM stays small in long meetings). */
const WINDOW = 100;

/** Anyone but yourself and the hosts (who speak for the meeting) can be hidden. */
function hidable(view: RoomView, participantId: string): boolean {
  if (participantId === view.self?.id) return false;
  return view.roster.find((p) => p.id === participantId)?.role !== "host";
}

type Props = { view: RoomView; send: (m: ClientMessage) => void; occurrenceId: string };

/**
 * The chat: a windowed list that follows the conversation unless you scroll back, and the composer.
 * People this attendee hid are left out (for them only) until "Show hidden".
 */
export function ChatPanel({ view, send, occurrenceId }: Props) {
  const t = strings.useT();
  const [text, setText] = useState("");
  const [shown, setShown] = useState(WINDOW);
  const [showHidden, setShowHidden] = useState(false);
  const people = useHiddenPeople(occurrenceId);
  const readable = chatToShow(view.chat, people.hidden, showHidden);
  const visible = readable.shown.slice(-shown);
  const hidden = readable.shown.length - visible.length;
  const { ref, onScroll, unseen, jumpToLatest } = useStickToBottom<HTMLOListElement>(
    view.chat.at(-1)?.id,
    view.chat.length,
  );
  const block = composerBlock(view);
  const isHost = view.self?.role === "host";

  function submit(e: FormEvent) {
    e.preventDefault();
    const message = text.trim();
    if (!message || block) return;
    send({ type: "chat.send", text: message });
    setText("");
  }

  return (
    <section className="chat" aria-labelledby="chat-title">
      <h2 id="chat-title">{t("chat.title")}</h2>
      {hidden > 0 ? (
        <button type="button" className="small" onClick={() => setShown((n) => n + WINDOW)}>
          {t("chat.earlier", { count: hidden })}
        </button>
      ) : null}
      {readable.hiddenCount > 0 ? (
        <p className="hidden-note">
          {t.plural("chat.hiddenCount", readable.hiddenCount)}{" "}
          <button type="button" className="small" aria-pressed={showHidden} onClick={() => setShowHidden((s) => !s)}>
            {showHidden ? t("chat.hideAgain") : t("chat.showHidden")}
          </button>
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it (WCAG 2.1.1). */}
      <ol className="chat-list" ref={ref} onScroll={onScroll} aria-label={t("chat.listLabel")} tabIndex={0}>
        {visible.length === 0 ? <li className="chat-empty">{t("chat.empty")}</li> : null}
        {visible.map((m) => (
          <ChatMessageItem
            key={m.id}
            message={m}
            mine={m.participantId === view.self?.id}
            isHost={isHost}
            send={send}
            hidden={people.hidden.has(m.participantId)}
            onHide={hidable(view, m.participantId) ? (hide) => people.change(m.participantId, hide) : null}
          />
        ))}
      </ol>
      {unseen > 0 ? (
        <button type="button" className="small jump" onClick={jumpToLatest}>
          {t.plural("chat.newBelow", unseen)}
        </button>
      ) : null}
      <form className="composer" onSubmit={submit}>
        <label htmlFor="composer-input" className="visually-hidden">
          {t("chat.composerLabel")}
        </label>
        <textarea
          id="composer-input"
          rows={2}
          value={text}
          maxLength={LIMITS.chatChars}
          disabled={block !== null}
          aria-describedby="composer-state"
          placeholder={block ? "" : t("chat.placeholder")}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Not while an input method is composing (Japanese, Chinese…): that Enter picks a word.
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) submit(e);
          }}
        />
        <button type="submit" className="primary" disabled={block !== null || !text.trim()}>
          {t("chat.send")}
        </button>
        <p id="composer-state" className="composer-state">
          {block ? t(`chat.block.${block}`) : t("chat.enterHint")}
        </p>
      </form>
    </section>
  );
}
