import type { ClientMessage } from "#shared/room-protocol";
import { room as strings } from "../i18n/room";
import type { RoomView } from "./room-state";

type Props = { view: RoomView; send: (m: ClientMessage) => void };

/** Hosts: pending attendance slip requests, each confirmed in one click (never one's own). */
export function SlipRequests({ view, send }: Props) {
  const t = strings.useT();
  const requests = view.slipRequests.filter((r) => r.participantId !== view.self?.id);
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="slip-requests-title" className="host-block">
      <h3 id="slip-requests-title">{t("slip.requestsTitle")}</h3>
      <ul className="waiting-list">
        {requests.map((r) => (
          <li key={r.participantId}>
            <span className="person-name">{r.name}</span>
            <button
              type="button"
              className="primary"
              onClick={() => send({ type: "slip.confirm", participantId: r.participantId })}
            >
              {t("slip.confirm")}
              <span className="visually-hidden"> {r.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
