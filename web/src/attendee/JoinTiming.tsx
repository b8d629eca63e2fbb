import { isJoinOpen, joinOpensAt } from "#shared/join-window";
import { Link } from "wouter";
import { attendee } from "../i18n/attendee";
import type { UpcomingOccurrence } from "./attendee-api";
import { formatCountdown, formatInZone } from "./time-format";
import { useNow } from "./use-load";

/**
 * The next occurrence's start, length and end, a live countdown, and Join: enabled exactly when the
 * room's early-join window opens (the rule the gate uses, #shared/join-window), with the reason
 * while it is not.
 */
export function JoinTiming({ occurrence, slug }: { occurrence: UpcomingOccurrence; slug: string }) {
  const t = attendee.useT();
  const startsAt = Date.parse(occurrence.at);
  const endsAt = Date.parse(occurrence.endsAt);
  const now = useNow(1000);
  const open = isJoinOpen({ status: occurrence.status, startsAt, endsAt }, now);
  const opensAt = joinOpensAt(startsAt);
  const minutes = Math.round((endsAt - startsAt) / 60_000);
  const v = occurrence.viewer;
  return (
    <section aria-labelledby="next-title" className="join-timing">
      <h2 id="next-title">{t("timing.next")}</h2>
      <dl className="timing-facts">
        <dt>{t("timing.starts")}</dt>
        <dd>
          <time dateTime={occurrence.at}>{formatInZone(startsAt, v.zone, v.abbr, t.locale)}</time>
        </dd>
        <dt>{t("timing.length")}</dt>
        <dd>{t.plural("timing.minutes", minutes)}</dd>
        <dt>{t("timing.ends")}</dt>
        <dd>
          <time dateTime={occurrence.endsAt}>{formatInZone(endsAt, v.zone, v.abbr, t.locale, false)}</time>
        </dd>
      </dl>
      {occurrence.status !== "live" && now < startsAt ? (
        <p className="countdown" aria-live="off">
          {t("join.startsIn", { time: formatCountdown(startsAt - now) })}
        </p>
      ) : null}
      <p className="join-row">
        {open ? (
          <Link href={`/m/${slug}/join`} className="button primary">
            {occurrence.status === "live" ? t("meeting.joinNow") : t("meeting.join")}
          </Link>
        ) : (
          <>
            <button type="button" className="primary" disabled aria-describedby="join-why">
              {t("meeting.join")}
            </button>
            <span id="join-why" className="hint">
              {t("timing.opensAt", { time: formatInZone(opensAt, v.zone, v.abbr, t.locale, false) })}
            </span>
          </>
        )}
      </p>
    </section>
  );
}
