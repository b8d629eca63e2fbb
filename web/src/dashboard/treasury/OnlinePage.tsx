import { type FormEvent, useCallback, useId, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { formatInstant } from "../format";
import { canWriteBooks, type GroupChoice } from "../group";
import { useFormErrors } from "../FormErrors";
import { OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { type StripeStatus, stripeApi } from "./api";
import { useMoney } from "./useMoney";
import { Field } from "../Field";

type T = ReturnType<typeof treasuryText.useT>;

/** The Stripe connection form (treasurer only): the secret is write-only, the link and pricing are shown back. */
/** Where a refused connection goes: each `json.…` field beside its control, the rest at the top. */
const CONNECTION_PLACEMENT = { fields: ["paymentLink", "webhookSecret", "feePercentBps", "feeFixedCents"] as const };

function ConnectionForm({ groupId, status, onSaved }: { groupId: string; status: StripeStatus; onSaved: () => void }) {
  const t = treasuryText.useT();
  const id = useId();
  const current = status.connection;
  const [link, setLink] = useState(current?.paymentLink ?? "");
  const [secret, setSecret] = useState("");
  const [percent, setPercent] = useState(String((current?.feePercentBps ?? 290) / 100));
  const [fixed, setFixed] = useState(String(current?.feeFixedCents ?? 30));
  const errors = useFormErrors(CONNECTION_PLACEMENT);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setSaved(false);
    setBusy(true);
    try {
      const feePercentBps = Math.round(Number(percent) * 100);
      await stripeApi.connect(groupId, {
        paymentLink: link.trim(),
        ...(secret.trim() ? { webhookSecret: secret.trim() } : {}),
        feePercentBps,
        feeFixedCents: Math.round(Number(fixed)),
      });
      setSecret("");
      setSaved(true);
      onSaved();
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="dash-form dash-panel" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{current ? t("tr.online.edit") : t("tr.online.connect")}</h2>
      {errors.top}
      <Field errors={errors} name="paymentLink" label={t("tr.online.link")}>
        {(control) => (
          <input
            {...control}
            type="url"
            required
            value={link}
            placeholder="https://buy.stripe.com/…"
            onChange={(e) => setLink(e.target.value)}
          />
        )}
      </Field>
      <Field
        errors={errors}
        name="webhookSecret"
        label={t("tr.online.secret")}
        hint={current ? t("tr.online.secretKept") : t("tr.online.secretHint")}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="off"
            required={!current}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        )}
      </Field>
      <div className="dash-row">
        <Field errors={errors} name="feePercentBps" label={t("tr.online.percent")}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={10}
              step={0.01}
              required
              value={percent}
              onChange={(e) => setPercent(e.target.value)}
            />
          )}
        </Field>
        <Field errors={errors} name="feeFixedCents" label={t("tr.online.fixed")}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={1000}
              step={1}
              required
              value={fixed}
              onChange={(e) => setFixed(e.target.value)}
            />
          )}
        </Field>
      </div>
      <p className="dash-muted">{t("tr.online.pricingHint")}</p>
      <OkNotice text={saved && t("tr.online.saved")} />
      <p className="dash-actions">
        <button type="submit" disabled={busy}>
          {t("tr.online.save")}
        </button>
      </p>
    </form>
  );
}

function kindText(t: T, type: string): string {
  if (type === "checkout.session.completed") return t("tr.online.kind.contribution");
  if (type === "charge.refunded") return t("tr.online.kind.refund");
  if (type === "payout.paid") return t("tr.online.kind.payout");
  return type;
}

function outcomeText(t: T, e: StripeStatus["events"][number]): string {
  if (e.outcome === "posted") return t("tr.online.posted");
  return t("tr.online.refused", {
    reason:
      e.reason === "currency_mismatch"
        ? t("tr.online.reason.currency", { currency: e.currency })
        : e.reason === "period_closed"
          ? t("tr.online.reason.closed")
          : (e.reason ?? ""),
  });
}

/** Online Seventh Tradition: the Stripe connection and what its webhook did, refused events first. */
export function OnlinePage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const money = useMoney(group.id);
  const load = useCallback(() => stripeApi.status(group.id), [group.id]);
  const status = useAsync(load);
  const data = status.data;
  const refused = data?.events.filter((e) => e.outcome === "refused") ?? [];
  const events = data ? [...refused, ...data.events.filter((e) => e.outcome !== "refused")] : [];
  return (
    <section aria-labelledby="online-title">
      <h1 id="online-title">{t("tr.online.title")}</h1>
      <p>{t("tr.online.intro")}</p>
      <ResourceStatus resource={status} />
      {data && (
        <>
          {refused.length > 0 && (
            <p className="dash-warning" role="status">
              {t.plural("tr.online.refusedCount", refused.length)}
            </p>
          )}
          {data.connection && (
            <dl className="dash-facts">
              <dt>{t("tr.online.link")}</dt>
              <dd>
                <a href={data.connection.paymentLink} rel="noopener noreferrer" target="_blank">
                  {data.connection.paymentLink}
                </a>
              </dd>
              <dt>{t("tr.online.webhook")}</dt>
              <dd>
                <code>{`${location.origin}${data.webhookPath}`}</code>
              </dd>
            </dl>
          )}
          {canWriteBooks(group) ? (
            <ConnectionForm groupId={group.id} status={data} onSaved={status.reload} />
          ) : (
            <p className="dash-notice">{t("tr.readOnly")}</p>
          )}
          <h2>{t("tr.online.events")}</h2>
          {events.length === 0 ? (
            <p>{t("tr.online.noEvents")}</p>
          ) : (
            <table className="dash-table">
              <thead>
                <tr>
                  <th scope="col">{t("tr.online.when")}</th>
                  <th scope="col">{t("tr.online.type")}</th>
                  <th scope="col">{t("tr.online.outcome")}</th>
                  <th scope="col" className="num">
                    {t("tr.online.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.eventId} className={e.outcome === "refused" ? "dash-warning" : undefined}>
                    <td>{formatInstant(e.createdAt, group.timezone, t.locale)}</td>
                    <td>{kindText(t, e.type)}</td>
                    <td>{outcomeText(t, e)}</td>
                    <td className="num">
                      {e.outcome === "refused"
                        ? `${(e.amountCents / 100).toFixed(2)} ${e.currency}`
                        : money(e.amountCents)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
