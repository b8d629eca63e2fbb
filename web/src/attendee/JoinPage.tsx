import { useCallback, useMemo, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { displayNameProblem, normalizeDisplayName } from "#shared/display-name";
import { attendee } from "../i18n/attendee";
import { joinOverSocket } from "../room/join-socket";
import { ApiFailure, fetchMeeting, type MeetingResponse, type UpcomingOccurrence } from "./attendee-api";
import { ChallengeCheck } from "./ChallengeCheck";
import { type GateMessage, gateMessage } from "./gate-answer";
import { JoinMessage } from "./JoinMessage";
import { saveRoomSession } from "./room-session";
import { viewerZone } from "./time-format";
import { useLoad, useNow, useTitle } from "./use-load";

/** The join form: a first name (or Guest), the passcode when there is one, and a clear answer. */
export function JoinPage({ params }: { params: { slug: string } }) {
  const t = attendee.useT();
  const tz = useMemo(viewerZone, []);
  const result = useLoad((signal) => fetchMeeting(params.slug, tz, signal), [params.slug, tz]);
  useTitle(result.data ? t("join.title", { name: result.data.meeting.name }) : null);
  if (result.status === "error") {
    return (
      <section>
        <h1>{t("meeting.notFound")}</h1>
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
  const next = result.data.upcoming.find((o) => o.status === "live" || o.status === "scheduled");
  return <JoinForm data={result.data} occurrence={next ?? null} />;
}

function JoinForm({ data, occurrence }: { data: MeetingResponse; occurrence: UpcomingOccurrence | null }) {
  const t = attendee.useT();
  const [, navigate] = useLocation();
  const [name, setName] = useState("");
  const [passcode, setPasscode] = useState("");
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ message: GateMessage; at: number } | null>(null);
  // Set once the room asked for the proof-of-work check; the solved payload, once the widget has it.
  const [challenge, setChallenge] = useState<{ payload: string | null } | null>(null);
  const solved = useCallback((payload: string | null) => setChallenge({ payload }), []);
  const passcodeRef = useRef<HTMLInputElement>(null);
  const { meeting } = data;
  // The same rule the room applies, for feedback while typing (empty: the person joins as Guest).
  const trimmed = normalizeDisplayName(name);
  const nameProblem = trimmed === "" ? null : displayNameProblem(trimmed);
  // After a 429 the button rests until Retry-After has passed (the countdown says how long).
  const retryAt =
    answer?.message.key === "join.error.tooMany" ? answer.at + answer.message.retryAfterSeconds * 1000 : 0;
  const tick = useNow(1000, retryAt > Date.now());
  const resting = retryAt > Math.max(tick, Date.now());

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!occurrence || busy || nameProblem) return;
    setBusy(true);
    try {
      const altcha = challenge?.payload ?? undefined;
      const seat = await joinOverSocket(
        occurrence.occurrenceId,
        trimmed || t("join.guest"),
        meeting.hasPasscode ? passcode : undefined,
        altcha,
      );
      saveRoomSession({
        ...seat,
        occurrenceId: occurrence.occurrenceId,
        meetingSlug: meeting.slug,
        meetingName: meeting.name,
      });
      navigate(`/room/${occurrence.occurrenceId}`);
    } catch (err) {
      const message =
        err instanceof ApiFailure
          ? gateMessage(err.status, err.error.code, err.retryAfter, err.error.issues, err.attemptsLeft)
          : ({ key: "join.error.generic" } as const);
      setAnswer({ message, at: Date.now() });
      // A solved check is spent by the attempt that carried it: the widget solves a fresh one.
      if (message.key === "join.error.challenge" || message.key === "join.error.challengeFailed" || challenge)
        setChallenge({ payload: null });
      if (message.key === "join.error.badPasscode") {
        setPasscode("");
        passcodeRef.current?.focus();
      }
      setBusy(false);
    }
  }

  return (
    <section className="join" aria-labelledby="join-title">
      <p>
        <Link href={`/m/${meeting.slug}`}>{t("join.backToMeeting")}</Link>
      </p>
      <h1 id="join-title">{t("join.title", { name: meeting.name })}</h1>
      {occurrence ? null : <p>{t("meeting.noUpcoming")}</p>}
      <form onSubmit={submit} className="join-form" noValidate>
        <label className="field">
          <span>{t("join.name")}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            aria-describedby={nameProblem ? "name-hint name-problem" : "name-hint"}
            aria-invalid={nameProblem !== null}
            placeholder={t("join.guest")}
          />
        </label>
        <p id="name-hint" className="hint">
          {t("join.nameHint")}
        </p>
        {nameProblem ? (
          <p id="name-problem" className="field-error">
            {t(`join.name.problem.${nameProblem}`)}
          </p>
        ) : null}
        {meeting.hasPasscode ? (
          <label className="field">
            <span>{t("join.passcode")}</span>
            <input
              ref={passcodeRef}
              value={passcode}
              onChange={(e) => setPasscode(e.target.value)}
              autoComplete="off"
              required={meeting.passcodeAccess !== "after_admit"}
              aria-describedby={meeting.passcodeAccess === "after_admit" ? "passcode-hint" : undefined}
              aria-invalid={answer?.message.key === "join.error.badPasscode"}
            />
          </label>
        ) : null}
        {meeting.hasPasscode && meeting.passcodeAccess === "after_admit" ? (
          <p id="passcode-hint" className="hint">
            {t("join.passcodeAfterAdmit")}
          </p>
        ) : null}
        <div className="join-answer">
          {answer ? <JoinMessage answer={answer.message} since={answer.at} occurrence={occurrence} /> : null}
        </div>
        {challenge && occurrence ? (
          <ChallengeCheck key={answer?.at} occurrenceId={occurrence.occurrenceId} onSolved={solved} />
        ) : null}
        <button
          type="submit"
          className="primary"
          disabled={
            !occurrence || busy || resting || nameProblem !== null || (challenge !== null && !challenge.payload)
          }
        >
          {busy ? t("join.joining") : t("join.submit")}
        </button>
      </form>
      {meeting.waitingRoom ? <p className="hint">{t("join.waitingRoomNote")}</p> : null}
    </section>
  );
}
