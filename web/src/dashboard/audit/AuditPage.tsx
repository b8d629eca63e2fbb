import { useCallback } from "react";
import { dashboard } from "../../i18n/dashboard";
import { formatInstant } from "../format";
import type { GroupChoice } from "../group";
import { getJson } from "../http";
import { ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";

type AuditRow = { id: string; action: string; entity: string; entityId: string; actorName?: string | null; at: number };

/**
 * The treasury's audit trail for admins. The API writes an audit row with every money action;
 * when it offers no route to read them, this page says so plainly instead of pretending.
 */
export function AuditPage({ group }: { group: GroupChoice }) {
  const t = dashboard.useT();
  const load = useCallback(async () => {
    try {
      return await getJson<{ items: AuditRow[] }>(`/api/groups/${encodeURIComponent(group.id)}/treasury/audit`);
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }, [group.id]);
  const audit = useAsync(load);
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <ResourceStatus resource={audit} />
      {audit.data === null && <p className="dash-notice">{t("audit.unavailable")}</p>}
      {audit.data && (
        <div className="dash-scroll">
          <table className="dash-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.entity")}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((row) => (
                <tr key={row.id}>
                  <td>{formatInstant(row.at, group.timezone, t.locale)}</td>
                  <td>{row.actorName?.split(/\s+/)[0] ?? "—"}</td>
                  <td>{row.action}</td>
                  <td>
                    {row.entity} <code>{row.entityId}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
