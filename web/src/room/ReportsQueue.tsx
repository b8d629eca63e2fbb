import type { ClientMessage } from "#shared/room-protocol";
import { room as strings } from "../i18n/room";
import type { RoomView } from "./room-state";

type Props = { view: RoomView; send: (m: ClientMessage) => void };

/** Reported and auto-flagged messages, for hosts only: read, delete, or remove the author. */
export function ReportsQueue({ view, send }: Props) {
  const t = strings.useT();
  const byId = new Map(view.chat.map((m) => [m.id, m]));
  const items = [
    ...view.reports.map((r) => ({ key: r.id, messageId: r.messageId, why: r.reason || t("reports.reported") })),
    ...view.flags.map((f) => ({
      key: `flag-${f.messageId}`,
      messageId: f.messageId,
      why: t("reports.flagged", { reasons: f.reasons.join(", ") }),
    })),
  ].filter((item) => byId.has(item.messageId));
  return (
    <section aria-labelledby="reports-title" className="host-block">
      <h3 id="reports-title">{t.plural("reports.count", items.length)}</h3>
      <ul className="reports">
        {items.map((item) => {
          const message = byId.get(item.messageId);
          if (!message) return null;
          return (
            <li key={item.key}>
              <p>
                <strong>{message.name}</strong>: {message.text}
              </p>
              <p className="hint">{item.why}</p>
              <button type="button" onClick={() => send({ type: "chat.delete", messageId: message.id })}>
                {t("chat.delete")}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => send({ type: "host.remove", participantId: message.participantId })}
              >
                {t("reports.removeAuthor", { name: message.name })}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
