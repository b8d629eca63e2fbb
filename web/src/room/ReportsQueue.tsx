import type { ClientMessage } from "#shared/room-protocol";
import { host as strings } from "../i18n/host";
import { room } from "../i18n/room";
import { ConfirmButton } from "./ConfirmButton";
import { reportQueue } from "./report-queue";
import type { RoomView } from "./room-state";

type Props = { view: RoomView; send: (m: ClientMessage) => void };

/** Reported and auto-flagged messages, for hosts only, one item per message: dismiss, delete, or remove the author. */
export function ReportsQueue({ view, send }: Props) {
  const t = strings.useT();
  const roomT = room.useT();
  const items = reportQueue(view.chat, view.reports, view.flags);
  return (
    <section aria-labelledby="reports-title" className="host-block">
      <h3 id="reports-title">{t.plural("reports.count", items.length)}</h3>
      <ul className="reports">
        {items.map(({ message, reportCount, reasons, flagReasons }) => (
          <li key={message.id}>
            <p>
              <strong>{message.name}</strong>: {message.text}
            </p>
            {reportCount > 0 ? <p className="hint">{t.plural("reports.reportedBy", reportCount)}</p> : null}
            {reasons.length > 0 ? (
              <p className="hint">{t("reports.reasons", { reasons: reasons.join(" · ") })}</p>
            ) : null}
            {flagReasons.length > 0 ? (
              <p className="hint">{t("reports.flagged", { reasons: flagReasons.join(", ") })}</p>
            ) : null}
            <div className="control-row">
              <button type="button" onClick={() => send({ type: "host.dismissReport", messageId: message.id })}>
                {t("reports.dismiss")}
                <span className="visually-hidden"> — {message.name}</span>
              </button>
              <button type="button" onClick={() => send({ type: "chat.delete", messageId: message.id })}>
                {roomT("chat.delete")}
              </button>
              <ConfirmButton
                label={t("reports.removeAuthor", { name: message.name })}
                confirmText={t("person.removeConfirm", { name: message.name })}
                confirmLabel={t("person.removeYes")}
                onConfirm={() => send({ type: "host.remove", participantId: message.participantId })}
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
