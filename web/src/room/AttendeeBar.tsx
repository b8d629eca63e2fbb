import { useEffect } from "react";
import type { ClientMessage, Reaction } from "#shared/room-protocol";
import { REACTIONS } from "./protocol-client";
import { room as strings } from "../i18n/room";
import type { RoomView } from "./room-state";

type Props = { view: RoomView; send: (m: ClientMessage) => void; dropReaction: (key: number) => void };

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

/** Raise hand, reactions and (after a "mute all" that allows it) unmuting yourself. */
export function AttendeeBar({ view, send, dropReaction }: Props) {
  const t = strings.useT();
  const self = view.self;
  const handUp = self ? view.state.hands.includes(self.id) : false;
  const queuePlace = self ? view.state.hands.indexOf(self.id) + 1 : 0;
  useEffect(() => {
    const timers = view.reactions.map((r) => setTimeout(() => dropReaction(r.key), REACTION_MS));
    return () => timers.forEach(clearTimeout);
  }, [view.reactions, dropReaction]);
  const names = new Map(view.roster.map((p) => [p.id, p.name]));
  return (
    <section className="attendee-bar" aria-label={t("bar.label")}>
      <button
        type="button"
        aria-pressed={handUp}
        onClick={() => send(handUp ? { type: "hand.lower" } : { type: "hand.raise" })}
      >
        {handUp ? t("bar.lowerHand") : t("bar.raiseHand")}
      </button>
      {handUp ? <span className="hand-place">{t("bar.handPlace", { place: queuePlace })}</span> : null}
      {self?.muted && self.canSelfUnmute ? (
        <button type="button" onClick={() => send({ type: "self.unmute" })}>
          {t("bar.unmuteMe")}
        </button>
      ) : null}
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
      <ul className="flying" aria-label={t("bar.recentReactions")}>
        {view.reactions.map((r) => (
          <li key={r.key}>
            <span aria-hidden="true">{r.emoji}</span>
            <span className="visually-hidden">{t(REACTION_KEYS[r.emoji])}</span> {names.get(r.participantId) ?? ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
