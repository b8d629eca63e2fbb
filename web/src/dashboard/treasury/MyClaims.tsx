import { treasuryText } from "../../i18n/dashboard-treasury";
import { ResourceStatus } from "../Status";
import type { Resource } from "../useAsync";
import type { Expense } from "./api";
import { DecisionNote } from "./DecisionNote";
import { useMoney } from "./useMoney";

/** The member's own claims in this group (GET …/expenses/mine), with each decision and its reason. */
export function MyClaims({
  claims,
  groupId,
  timezone,
}: {
  claims: Resource<Expense[]>;
  groupId: string;
  timezone: string;
}) {
  const t = treasuryText.useT();
  const money = useMoney(groupId);
  const day = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeZone: timezone });
  return (
    <section aria-labelledby="my-claims-title">
      <h2 id="my-claims-title">{t("tr.claim.mine")}</h2>
      <ResourceStatus resource={claims} />
      {claims.data?.length === 0 && <p>{t("tr.claim.mineEmpty")}</p>}
      <ul className="dash-list">
        {claims.data?.map((e) => (
          <li key={e.id} className="dash-card">
            <p>
              <strong>{e.payee}</strong> · {money(e.amountCents)} · {t(`tr.exp.status.${e.status}`)}
            </p>
            <p>
              {e.description} ·{" "}
              <span className="dash-muted">{t("tr.claim.claimedOn", { date: day.format(e.createdAt) })}</span>
            </p>
            <DecisionNote status={e.status} note={e.decisionNote} />
          </li>
        ))}
      </ul>
    </section>
  );
}
