import { useMemo } from "react";
import { Link } from "wouter";
import { attendee } from "../i18n/attendee";
import { ApiFailure, calendarUrl, fetchMeeting } from "./attendee-api";
import { JoinTiming } from "./JoinTiming";
import { MeetingBadges } from "./MeetingBadges";
import { PasscodeWayIn } from "./PasscodeWayIn";
import { PrivacyPromise } from "./PrivacyPromise";
import { SeventhTradition } from "./SeventhTradition";
import { describeBothZones, viewerZone } from "./time-format";
import { useLoad, useTitle } from "./use-load";

/** A meeting's page: what, when (your time and the meeting's), and the join button. */
export function MeetingPage({ params }: { params: { slug: string } }) {
  const t = attendee.useT();
  const tz = useMemo(viewerZone, []);
  const result = useLoad((signal) => fetchMeeting(params.slug, tz, signal), [params.slug, tz]);
  useTitle(result.data?.meeting.name ?? null);
  if (result.status === "error") {
    const missing = result.error instanceof ApiFailure && result.error.status === 404;
    return (
      <section>
        <h1>{missing ? t("meeting.notFound") : t("directory.error")}</h1>
        <Link href="/">{t("meeting.back")}</Link>
      </section>
    );
  }
  if (!result.data)
    return (
      <p role="status" className="page-placeholder">
        {t("directory.loading")}
      </p>
    );
  const { meeting, upcoming } = result.data;
  const next = upcoming.find((o) => o.status !== "cancelled");
  const live = next?.live.now ?? false;
  return (
    <article className="meeting-page" aria-labelledby="meeting-title">
      <p>
        <Link href="/">{t("meeting.back")}</Link>
      </p>
      <h1 id="meeting-title">{meeting.name}</h1>
      <p className="group-name">{meeting.group.name}</p>
      <MeetingBadges
        types={meeting.types}
        languages={meeting.languages}
        hasPasscode={meeting.hasPasscode}
        waitingRoom={meeting.waitingRoom}
      />
      {meeting.description ? <p className="description">{meeting.description}</p> : null}
      <section aria-labelledby="when-title" className="when-section">
        <h2 id="when-title">{t("meeting.when")}</h2>
        {live && next ? <p className="live-pill">{t.plural("card.liveCount", next.live.attendees)}</p> : null}
        {upcoming.length === 0 ? <p>{t("meeting.noUpcoming")}</p> : null}
        <ul className="upcoming">
          {upcoming.map((o) => {
            const when = describeBothZones(o.at, o.viewer, o.meeting, t.locale);
            return (
              <li key={o.occurrenceId} className={o.status === "cancelled" ? "cancelled" : undefined}>
                <time dateTime={o.at}>{when.viewer}</time>
                {when.meeting ? (
                  <span className="zone-note"> · {t("card.theirTime", { time: when.meeting })}</span>
                ) : null}
                {o.status === "cancelled" ? <strong> — {t("meeting.cancelled")}</strong> : null}
              </li>
            );
          })}
        </ul>
        <p className="card-actions">
          <a href={calendarUrl(meeting.id)} download>
            {t("card.addToCalendar")}
          </a>
        </p>
      </section>
      {next ? <JoinTiming occurrence={next} slug={meeting.slug} /> : null}
      <PasscodeWayIn meeting={meeting} />
      <PrivacyPromise chatRetention={meeting.chatRetention} latecomerChat={meeting.latecomerChat} />
      <SeventhTradition handles={meeting.seventhTradition} />
    </article>
  );
}
