import { useCallback, useState } from "react";
import { Link } from "wouter";
import { dashboard } from "../../i18n/dashboard";
import { canManage, canModerate, type GroupChoice } from "../group";
import { OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { createMeeting, loadMeeting, patchMeeting, type PrivateMeeting } from "./api";
import { emptyMeeting, formFromMeeting, type MeetingFormState, meetingBody } from "./form-state";
import { MeetingForm } from "./MeetingForm";
import { OccurrenceList } from "./OccurrenceList";
import { BanListPanel } from "./BanListPanel";
import { NewPasscode, PasscodePanel } from "./PasscodePanel";

/** After creating: the new meeting, its passcode shown once, and the way to its page. */
function Created({ meeting, passcode }: { meeting: PrivateMeeting; passcode?: string }) {
  const t = dashboard.useT();
  return (
    <div className="dash-notice" role="status">
      <p className="dash-ok">{t("meetings.created")}</p>
      {passcode && <NewPasscode code={passcode} />}
      <p>
        <Link href={`/meetings/${meeting.id}`}>{meeting.name}</Link>
      </p>
    </div>
  );
}

function CreateMeeting({ group }: { group: GroupChoice }) {
  const t = dashboard.useT();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ meeting: PrivateMeeting; passcode?: string } | null>(null);
  const submit = async (f: MeetingFormState) => {
    setBusy(true);
    try {
      setCreated(await createMeeting({ groupId: group.id, ...meetingBody(f, "create") }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1 id="meeting-edit-title">{t("meetings.createTitle")}</h1>
      {created ? (
        <Created {...created} />
      ) : (
        <MeetingForm initial={emptyMeeting(group.timezone)} mode="create" busy={busy} onSubmit={submit} />
      )}
    </>
  );
}

function EditMeeting({ meetingId, group }: { meetingId: string; group: GroupChoice }) {
  const t = dashboard.useT();
  const load = useCallback(() => loadMeeting(meetingId), [meetingId]);
  const meeting = useAsync(load);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const submit = async (f: MeetingFormState) => {
    setBusy(true);
    setSaved(false);
    try {
      await patchMeeting(meetingId, meetingBody(f, "edit"));
      setSaved(true);
    } finally {
      setBusy(false);
    }
  };
  const m = meeting.data;
  if (!canManage(group)) {
    // Hosts run the meeting (start, cancel) but do not edit it.
    return (
      <>
        <h1 id="meeting-edit-title">{m?.name ?? t("meetings.title")}</h1>
        <ResourceStatus resource={meeting} />
        {m && <OccurrenceList meeting={m} group={group} />}
        {m && canModerate(group) && <BanListPanel meetingId={m.id} timezone={m.timezone} />}
      </>
    );
  }
  return (
    <>
      <h1 id="meeting-edit-title">{m ? t("meetings.editTitle", { name: m.name }) : t("meetings.edit")}</h1>
      <ResourceStatus resource={meeting} />
      {m && (
        <>
          <MeetingForm initial={formFromMeeting(m)} mode="edit" busy={busy} onSubmit={submit} />
          <OkNotice text={saved && t("dash.saved")} />
          <PasscodePanel
            meetingId={meetingId}
            hasPasscode={m.hasPasscode}
            weak={m.passcodeWeak}
            onChanged={meeting.reload}
          />
          <OccurrenceList meeting={m} group={group} />
          {canModerate(group) && <BanListPanel meetingId={m.id} timezone={m.timezone} />}
        </>
      )}
    </>
  );
}

/** A meeting's edit page (or the new-meeting page when meetingId is null). */
export function MeetingEditPage({ group, meetingId }: { group: GroupChoice; meetingId: string | null }) {
  const t = dashboard.useT();
  return (
    <section aria-labelledby="meeting-edit-title">
      <p>
        <Link href="/meetings">← {t("meetings.back")}</Link>
      </p>
      {meetingId ? <EditMeeting meetingId={meetingId} group={group} /> : <CreateMeeting group={group} />}
    </section>
  );
}
