import { useCallback } from "react";
import { Link } from "wouter";
import { typeName } from "../../attendee/type-names";
import { dashboard } from "../../i18n/dashboard";
import { formatClock, zoneAbbreviation } from "../format";
import { canManage, type GroupChoice } from "../group";
import { ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { listGroupMeetings, type PrivateMeeting } from "./api";
import { describeDays } from "./schedule";

function MeetingRow({ meeting }: { meeting: PrivateMeeting }) {
  const t = dashboard.useT();
  const s = meeting.schedule;
  return (
    <li className="dash-card">
      <h2>
        <Link href={`/meetings/${meeting.id}`}>{meeting.name}</Link>
      </h2>
      <p>
        {t("meetings.schedule", {
          days: describeDays(s.days, t.locale),
          time: `${formatClock(s.startTime, t.locale)} ${zoneAbbreviation(meeting.timezone, t.locale)}`,
          zone: meeting.timezone.replaceAll("_", " "),
          minutes: s.durationMinutes,
        })}
      </p>
      <p className="dash-tags">
        {meeting.types.map((c) => (
          <span key={c} className="dash-tag">
            {typeName(c, t.locale)}
          </span>
        ))}
        {meeting.visibility === "unlisted" && <span className="dash-tag">{t("meetings.unlisted")}</span>}
        {meeting.status === "archived" && <span className="dash-tag">{t("meetings.archived")}</span>}
      </p>
    </li>
  );
}

/** The group's meetings; secretaries and admins open one to edit it, or add a new one. */
export function MeetingsPage({ group }: { group: GroupChoice }) {
  const t = dashboard.useT();
  const load = useCallback(() => listGroupMeetings(group.id), [group.id]);
  const meetings = useAsync(load);
  const editable = canManage(group);
  return (
    <section aria-labelledby="meetings-title">
      <div className="dash-heading">
        <h1 id="meetings-title">{t("meetings.title")}</h1>
        {editable && (
          <span>
            <Link href="/meetings/import" className="button">
              {t("import.title")}
            </Link>{" "}
            <Link href="/meetings/new" className="button primary">
              {t("meetings.new")}
            </Link>
          </span>
        )}
      </div>
      <ResourceStatus resource={meetings} />
      {meetings.data &&
        (meetings.data.items.length === 0 ? (
          <p>{t("meetings.empty")}</p>
        ) : (
          <ul className="dash-list">
            {meetings.data.items.map((m) => (
              <MeetingRow key={m.id} meeting={m} />
            ))}
          </ul>
        ))}
    </section>
  );
}
