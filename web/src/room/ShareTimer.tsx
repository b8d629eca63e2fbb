import { formatCountdown } from "../attendee/time-format";
import { useNow } from "../attendee/use-load";
import { room as strings } from "../i18n/room";

/** The share timer, counted down locally to the room's deadline (no ticking from the server). */
export function ShareTimer({ endsAt }: { endsAt: number | null }) {
  const t = strings.useT();
  const now = useNow(1000, endsAt !== null);
  if (endsAt === null) return <p className="share-timer share-timer-idle">{t("timer.none")}</p>;
  return (
    <p className="share-timer">
      {t("timer.left")} <strong>{formatCountdown(endsAt - now)}</strong>
    </p>
  );
}
