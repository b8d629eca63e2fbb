import type { SlipClaims } from "#shared/slip-token";
import { slips as strings } from "../i18n/slips";
import { slipFacts } from "./slip-format";

type Props = { claims: SlipClaims; name?: string | null; kid?: string };

/** What a slip says, as a clerk reads it: the same list on the printed slip and on the verify page. */
export function SlipFactsList({ claims, name, kid }: Props) {
  const t = strings.useT();
  const facts = slipFacts(claims, t.locale);
  return (
    <dl className="slip-facts">
      {name !== undefined ? (
        <>
          <dt>{t("fact.name")}</dt>
          <dd className="slip-name">{name?.trim() ? name.trim() : t("fact.noName")}</dd>
        </>
      ) : null}
      <dt>{t("fact.meeting")}</dt>
      <dd>{claims.meeting}</dd>
      <dt>{t("fact.group")}</dt>
      <dd>{claims.group}</dd>
      <dt>{t("fact.date")}</dt>
      <dd>{facts.date}</dd>
      <dt>{t("fact.presence")}</dt>
      <dd>{t("fact.presenceRange", { from: facts.from, to: facts.to, zone: facts.zone })}</dd>
      <dt>{t("fact.confirmedBy")}</dt>
      <dd>{claims.confirmedBy === "host" ? t("fact.confirmedBy.host") : t("fact.confirmedBy.auto")}</dd>
      <dt>{t("fact.slipId")}</dt>
      <dd>
        <code>{claims.sid}</code>
      </dd>
      {kid ? (
        <>
          <dt>{t("fact.key")}</dt>
          <dd>
            <code>{kid}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
