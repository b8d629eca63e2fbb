import { Suspense } from "react";
import type { ClientMessage, Participant } from "#shared/room-protocol";
import { room as strings } from "../i18n/room";
import { voice as voiceStrings } from "../i18n/voice";
import { PersonActions } from "./host-lazy";
import type { RoomView } from "./room-state";

/** `speaking`: who is heard now, from the levels of the tracks this browser receives (VoiceBar). */
type Props = { view: RoomView; send: (m: ClientMessage) => void; speaking: ReadonlySet<string> };

/** Who is here: hosts first, raised hands in order, then everyone by name. */
function ordered(roster: Participant[], hands: string[]): Participant[] {
  const rank = (p: Participant) => (p.role === "host" ? 0 : hands.includes(p.id) ? 1 : 2);
  return [...roster].sort(
    (a, b) =>
      rank(a) - rank(b) || (rank(a) === 1 ? hands.indexOf(a.id) - hands.indexOf(b.id) : a.name.localeCompare(b.name)),
  );
}

/** The roster, with per-person host actions for hosts. */
export function Roster({ view, send, speaking }: Props) {
  const t = strings.useT();
  const tv = voiceStrings.useT();
  const isHost = view.self?.role === "host";
  return (
    <section className="roster" aria-labelledby="roster-title">
      <h2 id="roster-title">{t.plural("room.peopleCount", view.roster.length)}</h2>
      <ul>
        {ordered(view.roster, view.state.hands).map((p) => {
          const hand = view.state.hands.indexOf(p.id);
          const me = p.id === view.self?.id;
          return (
            <li key={p.id} className="person">
              <span className="person-name">
                {p.name}
                {me ? ` ${t("roster.you")}` : ""}
              </span>
              {p.role === "host" ? <span className="pill">{t("roster.host")}</span> : null}
              {speaking.has(p.id) ? (
                <span className="pill pill-speaking" data-speaking="true">
                  {tv("voice.speakingNow")}
                </span>
              ) : view.voice.speakers.includes(p.id) ? (
                <span className="pill pill-mic">{tv("voice.micOn")}</span>
              ) : null}
              {p.muted ? <span className="pill pill-muted">{t("roster.muted")}</span> : null}
              {hand >= 0 ? <span className="pill pill-hand">{t("roster.hand", { place: hand + 1 })}</span> : null}
              {isHost && !me ? (
                <Suspense fallback={null}>
                  <PersonActions person={p} handUp={hand >= 0} send={send} />
                </Suspense>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
