import { useEffect } from "react";
import type { ClientMessage, Reaction } from "#shared/room-protocol";
import { REACTIONS } from "./protocol-client";
import { room as strings } from "../i18n/room";
import type { RoomView } from "./room-state";

type Props = {
  view: RoomView;
  send: (m: ClientMessage) => void;
  dropReaction: (key: number) => void;
  /** The group has Seventh Tradition links on this page (the bar links to them). */
  hasSeventh: boolean;
};

const REACTION_KEYS: Record<
  Reaction,
  "reaction.clap" | "reaction.heart" | "reaction.pray" | "reaction.smile" | "reaction.laugh" | "reaction.thumbsUp"
> = {
  "👏": "reaction.clap",
  "❤️": "reaction.heart",
  "🙏": "reaction.pray",
  "😊": "reaction.smile",
  "😂": "reaction.laugh",
  "👍": "reaction.thumbsUp",
};
/** How long a reaction floats on screen. */
const REACTION_MS = 4_000;

/** Where the waiting list is: the badge takes a host there. */
export const WAITING_LIST_ID = "waiting-list-title";

function openWaitingList(): void {
  const heading = document.getElementById(WAITING_LIST_ID);
  heading?.scrollIntoView({ block: "start" });
  heading?.focus();
}

/**
 * The room's control bar (a bottom bar on phones): raise hand, reactions, unmuting yourself after a
 * "mute all" that allows it, the Seventh Tradition, and for hosts the waiting room with its count.
 */
export function AttendeeBar({ view, send, dropReaction, hasSeventh }: Props) {
  const t = strings.useT();
  const self = view.self;
  const isHost = self?.role === "host";
  const handUp = self ? view.state.hands.includes(self.id) : false;
  const queuePlace = self ? view.state.hands.indexOf(self.id) + 1 : 0;
  useEffect(() => {
    const timers = view.reactions.map((r) => setTimeout(() => dropReaction(r.key), REACTION_MS));
    return () => timers.forEach(clearTimeout);
  }, [view.reactions, dropReaction]);
  const names = new Map(view.roster.map((p) => [p.id, p.name]));
  const waiting = view.waiting.length;
  return (
    <section className="attendee-bar" aria-label={t("bar.label")}>
      <ul className="flying" aria-label={t("bar.recentReactions")}>
        {view.reactions.map((r) => (
          <li key={r.key}>
            <span aria-hidden="true">{r.emoji}</span>
            <span className="visually-hidden">{t(REACTION_KEYS[r.emoji])}</span> {names.get(r.participantId) ?? ""}
          </li>
        ))}
      </ul>
      <div className="bar-controls">
        <button
          type="button"
          className="hand"
          aria-pressed={handUp}
          onClick={() => send(handUp ? { type: "hand.lower" } : { type: "hand.raise" })}
        >
          {handUp ? t("bar.lowerHand") : t("bar.raiseHand")}
        </button>
        {self?.muted && self.canSelfUnmute ? (
          <button type="button" onClick={() => send({ type: "self.unmute" })}>
            {t("bar.unmuteMe")}
          </button>
        ) : null}
        <details className="react-menu">
          <summary>{t("bar.react")}</summary>
          <fieldset className="reactions">
            <legend className="visually-hidden">{t("bar.reactions")}</legend>
            {REACTIONS.map((emoji) => (
              <button
                key={emoji}
                type="button"
                className="reaction"
                aria-label={t(REACTION_KEYS[emoji])}
                title={t(REACTION_KEYS[emoji])}
                onClick={() => send({ type: "reaction", emoji })}
              >
                <span aria-hidden="true">{emoji}</span>
              </button>
            ))}
          </fieldset>
        </details>
        {isHost ? (
          <button type="button" className="waiting-badge" onClick={openWaitingList}>
            {t("bar.waiting")}{" "}
            <span className={waiting > 0 ? "badge badge-on" : "badge"} aria-hidden="true">
              {waiting}
            </span>
            <span className="visually-hidden">, {t.plural("bar.waitingCount", waiting)}</span>
          </button>
        ) : null}
        {hasSeventh ? (
          <a className="bar-link" href="#seventh-title">
            {t("bar.seventh")}
          </a>
        ) : null}
      </div>
      {handUp ? <p className="hand-place">{t("bar.handPlace", { place: queuePlace })}</p> : null}
    </section>
  );
}
