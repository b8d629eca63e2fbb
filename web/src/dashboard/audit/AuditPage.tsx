import { type FormEvent, useCallback, useId, useMemo, useRef, useState } from "react";
import { auditText } from "../../i18n/dashboard-audit";
import { dashApi, ensureOk } from "../client";
import { formatDay, formatInstant } from "../format";
import type { GroupChoice } from "../group";
import { ResourceStatus } from "../Status";
import { useMoney } from "../treasury/useMoney";
import { useAsync } from "../useAsync";
import { AUDIT_KINDS, type AuditFormat, type AuditKind, auditCsv, auditLines } from "./audit-rows";

const auditRoute = dashApi.groups[":groupId"].treasury.audit;
type Filter = { kind: AuditKind | ""; from: string; to: string };

/** Saves text as a file the browser downloads (the CSV is built here, from the rows on screen). */
function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The treasury's audit trail for admins, as sentences: who (by their role that day — never a name,
 * email or id), what, how much, when. Filter by kind and by days in the group's zone; download
 * exactly the rows shown as CSV. Rows are never edited.
 */
export function AuditPage({ group, myUserId }: { group: GroupChoice; myUserId: string }) {
  const t = auditText.useT();
  const id = useId();
  const money = useMoney(group.id);
  const [draft, setDraft] = useState<Filter>({ kind: "", from: "", to: "" });
  const [filter, setFilter] = useState<Filter>(draft);
  const [rangeError, setRangeError] = useState(false);
  const fromField = useRef<HTMLInputElement>(null);
  const load = useCallback(async () => {
    const query = {
      limit: "500",
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
    };
    return (await (await ensureOk(await auditRoute.$get({ param: { groupId: group.id }, query }))).json()).audit;
  }, [group.id, filter]);
  const audit = useAsync(load);
  const format: AuditFormat = useMemo(
    () => ({
      t,
      money,
      instant: (at) => formatInstant(at, group.timezone, t.locale),
      day: (d) => formatDay(d, t.locale),
      myUserId,
    }),
    [t, money, group.timezone, myUserId],
  );
  const lines = useMemo(() => (audit.data ? auditLines(audit.data, format) : []), [audit.data, format]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const backwards = Boolean(draft.from && draft.to && draft.from > draft.to);
    setRangeError(backwards);
    if (backwards) fromField.current?.focus();
    else setFilter(draft);
  };
  const fileName = `${t("audit.csv.file")}${filter.from ? `-${filter.from}` : ""}${filter.to ? `-${filter.to}` : ""}.csv`;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <form className="dash-form dash-panel" onSubmit={apply} noValidate aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`} className="visually-hidden">
          {t("audit.filters")}
        </h2>
        <div className="dash-row">
          <div className="dash-field">
            <label htmlFor={`${id}-kind`}>{t("audit.kind")}</label>
            <select
              id={`${id}-kind`}
              value={draft.kind}
              onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as AuditKind | "" }))}
            >
              <option value="">{t("audit.kind.all")}</option>
              {AUDIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`audit.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="dash-field">
            <label htmlFor={`${id}-from`}>{t("audit.from")}</label>
            <input
              ref={fromField}
              id={`${id}-from`}
              type="date"
              value={draft.from}
              aria-invalid={rangeError || undefined}
              aria-describedby={rangeError ? `${id}-range-error` : undefined}
              onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
            />
            {rangeError && (
              <p id={`${id}-range-error`} className="dash-error dash-field-message">
                {t("audit.err.range")}
              </p>
            )}
          </div>
          <div className="dash-field">
            <label htmlFor={`${id}-to`}>{t("audit.to")}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={draft.to}
              onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
            />
          </div>
        </div>
        <div className="dash-actions">
          <button type="submit" className="primary">
            {t("audit.apply")}
          </button>
          <button
            type="button"
            disabled={lines.length === 0}
            onClick={() => download(auditCsv(lines, format), fileName)}
          >
            {t("audit.export")}
          </button>
        </div>
      </form>
      <ResourceStatus resource={audit} />
      {audit.data && (
        <p role="status" className="dash-muted">
          {lines.length === 0 ? t("audit.empty") : t.plural("audit.count", lines.length)}
        </p>
      )}
      {lines.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        <section className="dash-scroll" aria-label={t("audit.rows")} tabIndex={0}>
          <table className="dash-table dash-audit">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col" className="num">
                  {t("audit.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.id}>
                  <td>{line.when}</td>
                  <td>{line.what}</td>
                  <td className="num">{line.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
