import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { useLocation } from "wouter";
import { startRefusal } from "#shared/occurrence-lifecycle";
import { joinOverSocket } from "../../room/join-socket";
import { saveRoomSession } from "../../attendee/room-session";
import { dashboard } from "../../i18n/dashboard";
import { formatInstant } from "../format";
import { canManage, type GroupChoice } from "../group";
import { useSession } from "../session";
import { ErrorNote, OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { loadOccurrences, moveOccurrence, type Occurrence, occurrenceAction } from "./api";
import { zonedInstant } from "./schedule";

function MoveForm({
  occurrence,
  timezone,
  onDone,
}: {
  occurrence: Occurrence;
  timezone: string;
  onDone: (err?: Error) => void;
}) {
  const t = dashboard.useT();
  const [date, setDate] = useState(occurrence.localDate);
  const [time, setTime] = useState("19:00");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await moveOccurrence(occurrence.id, new Date(zonedInstant(date, time, timezone)).toISOString());
      onDone();
    } catch (err) {
      onDone(err as Error);
    }
  };
  return (
    <form className="dash-inline-form" onSubmit={submit} aria-label={t("meetings.occ.moveTo", { zone: timezone })}>
      <label className="dash-field">
        <span>{t("meetings.occ.moveTo", { zone: timezone })}</span>
        <span className="dash-row">
          <input
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-label={t("meetings.occ.moveTo", { zone: timezone })}
          />
          <input
            type="time"
            required
            value={time}
            onChange={(e) => setTime(e.target.value)}
            aria-label={t("meetings.field.startTime")}
          />
        </span>
      </label>
      <button type="submit">{t("meetings.occ.moveSave")}</button>
    </form>
  );
}

/** Ending a live meeting from here closes its room for everyone: the second step says so. */
function EndConfirm({ onEnd, onCancel }: { onEnd: () => void; onCancel: () => void }) {
  const t = dashboard.useT();
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <fieldset className="dash-confirm" onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      <legend>{t("meetings.occ.endConfirm")}</legend>
      <div className="dash-actions">
        <button ref={yes} type="button" className="danger" onClick={onEnd}>
          {t("meetings.occ.endYes")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("meetings.occ.endNo")}
        </button>
      </div>
    </fieldset>
  );
}

/** Live, or startable now by the same rule the API and the room apply (shared/occurrence-lifecycle.ts). */
function startable(o: Occurrence, now: number): boolean {
  return (
    o.status === "live" ||
    startRefusal({ status: o.status, startsAt: Date.parse(o.startsAt), endsAt: Date.parse(o.endsAt) }, now) === null
  );
}

/** The next two weeks: start a meeting (and open its room as host), cancel or move one occurrence. */
export function OccurrenceList({
  meeting,
  group,
}: {
  meeting: { id: string; slug: string; name: string; timezone: string };
  group: GroupChoice;
}) {
  const t = dashboard.useT();
  // Rooms seat hosts and admins as hosts; a secretary may start the meeting but joins as anyone does.
  const canHost = group.roles.includes("host") || group.roles.includes("admin");
  const canMove = canManage(group);
  const { id: meetingId, timezone } = meeting;
  const session = useSession();
  const hostName = session.status === "signedIn" ? (session.me.user.displayName.split(/\s+/)[0] ?? "") : "";
  const [, navigate] = useLocation();
  const load = useCallback(() => loadOccurrences(meetingId), [meetingId]);
  const occurrences = useAsync(load);
  const [moving, setMoving] = useState<string | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act = async (o: Occurrence, action: "start" | "cancel" | "end") => {
    setError(null);
    try {
      if (action === "start") {
        if (o.status === "scheduled") await occurrenceAction(o.id, "start");
        // Signed-in service members join as host (no passcode, no waiting room), then the
        // attendee app's room page takes over with the seat kept for this tab.
        if (!canHost) return navigate(`~/m/${encodeURIComponent(meeting.slug)}/join`);
        const seat = await joinOverSocket(o.id, hostName, undefined);
        saveRoomSession({ ...seat, occurrenceId: o.id, meetingSlug: meeting.slug, meetingName: meeting.name });
        return navigate(`~/room/${o.id}`);
      }
      setEnding(null);
      await occurrenceAction(o.id, action);
      if (action === "end") setNotice(t("meetings.occ.ended"));
      occurrences.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const items = occurrences.data ?? [];
  return (
    <section className="dash-panel" aria-labelledby="occ-title">
      <h2 id="occ-title">{t("meetings.occ.title")}</h2>
      <ResourceStatus resource={occurrences} />
      {error && <ErrorNote error={error} />}
      <OkNotice text={notice && notice} />
      {occurrences.data && items.length === 0 && <p>{t("meetings.occ.empty")}</p>}
      <ul className="dash-list">
        {items.map((o) => (
          <li key={o.id} className="dash-card">
            <p>
              <strong>{formatInstant(o.startsAt, timezone, t.locale)}</strong> · {t(`meetings.occ.status.${o.status}`)}
              {o.isException && ` · ${t("meetings.occ.exception")}`}
            </p>
            {(o.status === "scheduled" || o.status === "live") && (
              <div className="dash-actions">
                {startable(o, Date.now()) && (
                  <button type="button" className="primary" onClick={() => void act(o, "start")}>
                    {o.status === "live"
                      ? t("meetings.occ.open")
                      : canHost
                        ? t("meetings.occ.start")
                        : t("meetings.occ.startOnly")}
                  </button>
                )}
                {o.status === "live" && ending !== o.id && (
                  <button type="button" className="danger" onClick={() => setEnding(o.id)}>
                    {t("meetings.occ.end")}
                  </button>
                )}
                {o.status === "scheduled" && (
                  <>
                    <button type="button" onClick={() => void act(o, "cancel")}>
                      {t("meetings.occ.cancel")}
                    </button>
                    {canMove && (
                      <button
                        type="button"
                        aria-expanded={moving === o.id}
                        onClick={() => setMoving(moving === o.id ? null : o.id)}
                      >
                        {t("meetings.occ.move")}
                      </button>
                    )}
                  </>
                )}
              </div>
            )}
            {ending === o.id && o.status === "live" && (
              <EndConfirm onEnd={() => void act(o, "end")} onCancel={() => setEnding(null)} />
            )}
            {moving === o.id && (
              <MoveForm
                occurrence={o}
                timezone={timezone}
                onDone={(err) => {
                  setMoving(null);
                  if (err) setError(err);
                  else setNotice(t("meetings.occ.moved"));
                  occurrences.reload();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
