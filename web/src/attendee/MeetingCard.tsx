import { Link } from "wouter";
import { attendee } from "../i18n/attendee";
import { calendarUrl, type DirectoryItem } from "./attendee-api";
import { MeetingBadges } from "./MeetingBadges";
import { describeBothZones } from "./time-format";

/** One meeting in the directory: when (your time and theirs), what, and the way in. */
export function MeetingCard({
  item,
  favourite,
  onToggleFavourite,
}: {
  item: DirectoryItem;
  favourite: boolean;
  onToggleFavourite: (id: string) => void;
}) {
  const t = attendee.useT();
  const start = item.nextStart;
  const when = describeBothZones(start.at, start.viewer, start.meeting, t.locale);
  const headingId = `meeting-${item.id}`;
  return (
    <article className="meeting-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link href={`/m/${item.slug}`}>{item.name}</Link>
      </h3>
      <p className="when">
        <time dateTime={start.at}>{when.viewer}</time>
        {when.meeting ? <span className="zone-note"> · {t("card.theirTime", { time: when.meeting })}</span> : null}
      </p>
      {item.live.now ? <p className="live-pill">{t.plural("card.liveCount", item.live.attendees)}</p> : null}
      <p className="group-name">{item.group.name}</p>
      <p className="place">
        {t(`card.attendance.${item.place.attendance}`)} · {item.place.label}
        {item.place.directionsUrl ? (
          <>
            {" · "}
            <a href={item.place.directionsUrl} rel="noopener noreferrer">
              {t("card.directions")}
              <span className="visually-hidden"> — {item.name}</span>
            </a>
          </>
        ) : null}
      </p>
      <MeetingBadges
        types={item.types}
        languages={item.languages}
        hasPasscode={item.hasPasscode}
        waitingRoom={item.waitingRoom}
      />
      <p className="card-actions">
        <a href={calendarUrl(item.id)} download>
          {t("card.addToCalendar")}
          <span className="visually-hidden"> — {item.name}</span>
        </a>
        <button
          type="button"
          className="favourite small"
          aria-pressed={favourite}
          onClick={() => onToggleFavourite(item.id)}
        >
          <span aria-hidden="true">{favourite ? "★" : "☆"}</span>{" "}
          {t(favourite ? "card.favourite.on" : "card.favourite.off")}
          <span className="visually-hidden"> — {item.name}</span>
        </button>
      </p>
    </article>
  );
}
