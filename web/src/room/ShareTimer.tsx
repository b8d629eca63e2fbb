import { useMemo } from "react";
import type { RoomState } from "#shared/room-protocol";
import { formatCountdown } from "../attendee/time-format";
import { useNow } from "../attendee/use-load";
import { room as strings } from "../i18n/room";
import { shareTimeLeftMs, timerSkewMs } from "./timer-skew";

/**
 * The share timer, counted down locally to the room's deadline (no ticking from the server).
 * If this device's clock runs behind the room's, the deadline would look further away than the
 * timer's length; that surplus is measured once, when the deadline arrives, and taken off.
 */
export function ShareTimer({ timer }: { timer: RoomState["timer"] }) {
  const t = strings.useT();
  const now = useNow(1000, timer !== null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: measured once per new deadline, on purpose
  const skew = useMemo(() => timerSkewMs(timer, Date.now()), [timer?.endsAt]);
  if (timer === null) return <p className="share-timer share-timer-idle">{t("timer.none")}</p>;
  return (
    <p className="share-timer">
      {t("timer.left")} <strong>{formatCountdown(shareTimeLeftMs(timer, skew, now))}</strong>
    </p>
  );
}
