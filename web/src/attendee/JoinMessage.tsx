import { attendee } from "../i18n/attendee";
import type { UpcomingOccurrence } from "./attendee-api";
import type { GateMessage } from "./gate-answer";
import { formatCountdown } from "./time-format";
import { useNow } from "./use-load";

type Props = { answer: GateMessage; since: number; occurrence: UpcomingOccurrence | null };

/**
 * The gate's answer in calm words. The alert text is static (announced once); a countdown, where
 * waiting is the answer, ticks beside it outside the live region so it is not read every second.
 */
export function JoinMessage({ answer, since, occurrence }: Props) {
  const t = attendee.useT();
  const until =
    answer.key === "join.error.tooMany"
      ? since + answer.retryAfterSeconds * 1000
      : answer.key === "join.error.notLive" && occurrence
        ? Date.parse(occurrence.at)
        : null;
  const now = useNow(1000, until !== null);
  const text = answer.key === "join.error.invalid" ? t(answer.key, { field: answer.field ?? "" }) : t(answer.key);
  const attempts =
    answer.key === "join.error.badPasscode" && answer.attemptsLeft !== null
      ? t.plural("join.attemptsLeft", answer.attemptsLeft)
      : null;
  return (
    <div className="notice notice-error">
      <p role="alert" key={since}>
        {text}
        {attempts ? ` ${attempts}` : null}
      </p>
      {until !== null && until > now ? (
        <p className="countdown">
          {t(answer.key === "join.error.tooMany" ? "join.retryIn" : "join.startsIn", {
            time: formatCountdown(until - now),
          })}
        </p>
      ) : null}
    </div>
  );
}
