import type { InferResponseType } from "hono/client";
import { type FormEvent, useCallback, useState } from "react";
import { dashboard } from "../../i18n/dashboard";
import { dashApi, ensureOk } from "../client";
import { useFormErrors } from "../FormErrors";
import { formatDay } from "../format";
import type { GroupChoice } from "../group";
import type { Role } from "../session";
import { ErrorNote, OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { Field } from "../Field";

const members = dashApi.groups[":groupId"].members;
type Member = InferResponseType<typeof members.$get, 200>["items"][number];
const ROLES: Role[] = ["secretary", "host", "treasurer", "admin"];
/** Mirrors the server's rule (worker/auth/authz.ts): only a group admin grants or ends treasurer and admin. */
const MONEY_ROLES: Role[] = ["treasurer", "admin"];
const manageableRoles = (mine: Role[]): Role[] =>
  mine.includes("admin") ? ROLES : ROLES.filter((r) => !MONEY_ROLES.includes(r));

/**
 * Where a refused invitation goes: `json.email`, `json.displayName`, `json.role`, `json.endsOn` beside
 * their field; granting yourself a role or leaving no admin to the role; the rest at the top.
 */
const INVITE_PLACEMENT = {
  fields: ["email", "displayName", "role", "endsOn"] as const,
  codeFields: { self_grant: "role", last_admin: "role" } as const,
};

function InviteForm({ groupId, roles, onInvited }: { groupId: string; roles: Role[]; onInvited: () => void }) {
  const t = dashboard.useT();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("secretary");
  const [endsOn, setEndsOn] = useState("");
  const [done, setDone] = useState(false);
  const errors = useFormErrors(INVITE_PLACEMENT);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setDone(false);
    try {
      const json = {
        email: email.trim(),
        role,
        ...(name.trim() ? { displayName: name.trim() } : {}),
        ...(endsOn ? { endsOn } : {}),
      };
      await ensureOk(await members.$post({ param: { groupId }, json }));
      setDone(true);
      setEmail("");
      setName("");
      onInvited();
    } catch (err) {
      errors.fromApi(err);
    }
  };
  return (
    <form className="dash-form dash-panel" onSubmit={submit} aria-labelledby="invite-title">
      <h2 id="invite-title">{t("people.invite")}</h2>
      {errors.top}
      <Field errors={errors} name="email" label={t("people.email")}>
        {(control) => (
          <input
            {...control}
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <div className="dash-row">
        <Field errors={errors} name="displayName" label={t("people.name")}>
          {(control) => <input {...control} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field errors={errors} name="role" label={t("people.role")}>
          {(control) => (
            <select {...control} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`dash.role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field errors={errors} name="endsOn" label={t("people.endsOn")}>
          {(control) => <input {...control} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="primary">
        {t("people.send")}
      </button>
      <OkNotice text={done && t("people.invited")} />
    </form>
  );
}

function MemberRow({
  member,
  groupId,
  canEnd,
  onEnded,
}: {
  member: Member;
  groupId: string;
  canEnd: boolean;
  onEnded: (message: string) => void;
}) {
  const t = dashboard.useT();
  const [error, setError] = useState<Error | null>(null);
  const end = async () => {
    try {
      await ensureOk(
        await members[":assignmentId"].end.$post({ param: { groupId, assignmentId: member.id }, json: {} }),
      );
      onEnded(t("people.ended"));
    } catch (err) {
      setError(err as Error);
    }
  };
  // First names only: service members' last names and emails are never shown.
  const firstName = member.displayName.split(/\s+/)[0] ?? "";
  return (
    <li className="dash-card">
      <p>
        <strong>{firstName}</strong> · {t(`dash.role.${member.role}`)}
      </p>
      <p>
        {t("people.since", { date: formatDay(member.startsOn, t.locale) })}
        {member.endsOn && ` ${t("people.until", { date: formatDay(member.endsOn, t.locale) })}`}
      </p>
      {member.active && canEnd && (
        <button
          type="button"
          className="danger"
          onClick={() => void end()}
          aria-label={`${t("people.end")}: ${firstName}, ${t(`dash.role.${member.role}`)}`}
        >
          {t("people.end")}
        </button>
      )}
      {error && <ErrorNote error={error} />}
    </li>
  );
}

/** Service rotation: invite the next trusted servant, see terms, end an assignment. */
export function PeoplePage({ group }: { group: GroupChoice }) {
  const t = dashboard.useT();
  const load = useCallback(
    async () => (await (await ensureOk(await members.$get({ param: { groupId: group.id } }))).json()).items,
    [group.id],
  );
  const list = useAsync(load);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data ?? [];
  const manageable = manageableRoles(group.roles);
  const ended = (message: string) => {
    setNotice(message);
    list.reload();
  };
  const section = (title: string, rows: Member[]) => (
    <>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>{t("people.empty")}</p>
      ) : (
        <ul className="dash-list">
          {rows.map((m) => (
            <MemberRow key={m.id} member={m} groupId={group.id} canEnd={manageable.includes(m.role)} onEnded={ended} />
          ))}
        </ul>
      )}
    </>
  );
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t("people.title")}</h1>
      <p>{t("people.intro")}</p>
      <InviteForm groupId={group.id} roles={manageable} onInvited={list.reload} />
      <OkNotice text={notice && notice} />
      <ResourceStatus resource={list} />
      {list.data &&
        section(
          t("people.current"),
          items.filter((m) => m.active),
        )}
      {list.data &&
        section(
          t("people.past"),
          items.filter((m) => !m.active),
        )}
    </section>
  );
}
