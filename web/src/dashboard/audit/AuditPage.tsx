import type { InferResponseType } from "hono/client";
import { useCallback } from "react";
import { dashboard } from "../../i18n/dashboard";
import { dashApi, ensureOk } from "../client";
import { formatInstant } from "../format";
import type { GroupChoice } from "../group";
import { ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";

const auditRoute = dashApi.groups[":groupId"].treasury.audit;
type AuditRow = InferResponseType<typeof auditRoute.$get, 200>["audit"][number];

/** "claimed → approved" when a record's status changed; the action alone otherwise. */
function statusChange(row: AuditRow): string | null {
  const status = (v: unknown) => (v && typeof v === "object" && "status" in v ? String((v as { status: unknown }).status) : null);
  const before = status(row.before);
  const after = status(row.after);
  return before && after && before !== after ? `${before} → ${after}` : null;
}

/**
 * The treasury's audit trail for admins: every money action, who (as an anonymous member id —
 * the trail keeps ids, never names or emails), what, and when. Rows are never edited.
 */
export function AuditPage({ group, myUserId }: { group: GroupChoice; myUserId: string }) {
  const t = dashboard.useT();
  const load = useCallback(async () => (await (await ensureOk(await auditRoute.$get({ param: { groupId: group.id }, query: {} }))).json()).audit, [group.id]);
  const audit = useAsync(load);
  const who = (row: AuditRow) => (row.actorId === null ? t("audit.system") : row.actorId === myUserId ? t("audit.you") : t("audit.member", { ref: row.actorId.slice(-5) }));
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <ResourceStatus resource={audit} />
      {audit.data && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        <section className="dash-scroll" aria-label={t("audit.title")} tabIndex={0}>
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
              {audit.data.map((row) => (
                <tr key={row.id}>
                  <td>{formatInstant(row.at, group.timezone, t.locale)}</td>
                  <td>{who(row)}</td>
                  <td>
                    <code>{row.action}</code>
                    {statusChange(row) && <span className="dash-muted"> · {statusChange(row)}</span>}
                  </td>
                  <td>
                    {row.entity} <code>{row.entityId.slice(-8)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
