import { useEffect, useId, useRef, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { formatDay, todayIn } from "../format";
import { HttpError } from "../http";
import { useFormErrors } from "../FormErrors";
import { OkNotice } from "../Status";
import { type FiscalYear, treasuryApi } from "./api";

/** Closing sends no field: a refusal (a posting still pending, no right) is the sentence at the top of the panel. */
const CLOSE_PLACEMENT = { fields: [] as const };

type Props = {
  groupId: string;
  timezone: string;
  fy: FiscalYear;
  /** Funds on hand the API reported when this year was closed here (it is not stored with the year). */
  closingFundsCents: number | undefined;
  money: (cents: number) => string;
  onClosed: (fyId: string, closingFundsCents: number | null) => void;
};

/**
 * Closing a fiscal year: one button, then a confirmation that says what closing means (no more
 * postings dated inside the year, for good) before the API is called. Treasurers and admins may
 * close, as the API's route allows. Keyed by the year, so picking another year starts afresh.
 */
export function FiscalYearClose({ groupId, timezone, fy, closingFundsCents, money, onClosed }: Props) {
  const t = treasuryText.useT();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFormErrors(CLOSE_PLACEMENT);
  const openButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLHeadingElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => openButton.current?.focus());
  };
  const close = async () => {
    setBusy(true);
    errors.clear();
    let refused = false;
    try {
      const r = await treasuryApi.closeFiscalYear(groupId, fy.id);
      setNotice(t("tr.close.done", { label: fy.label, funds: money(r.closingFundsCents) }));
      onClosed(fy.id, r.closingFundsCents);
    } catch (err) {
      if (err instanceof HttpError && err.code === "already_closed") {
        setNotice(t("tr.close.already", { label: fy.label }));
        onClosed(fy.id, null);
      } else {
        refused = true;
        errors.fromApi(err);
      }
    } finally {
      setBusy(false);
      setConfirming(false);
      // The confirmation (and the focused button) is gone: the panel's heading takes focus, or the refusal does.
      if (!refused) requestAnimationFrame(() => title.current?.focus());
    }
  };

  const closed = fy.closedAt !== null;
  const notEnded = todayIn(timezone) <= fy.endsOn;
  const span = { start: formatDay(fy.startsOn, t.locale), end: formatDay(fy.endsOn, t.locale) };
  return (
    <section className="dash-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={title} tabIndex={-1}>
        {t("tr.close.title")}
      </h2>
      {closed ? (
        <>
          <p>
            {t("tr.close.closedOn", {
              label: fy.label,
              date: new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeZone: timezone }).format(
                fy.closedAt ?? 0,
              ),
            })}
          </p>
          {closingFundsCents !== undefined && <p>{t("tr.close.funds", { funds: money(closingFundsCents) })}</p>}
        </>
      ) : confirming ? (
        <div className="dash-confirm">
          <h3 ref={question} tabIndex={-1}>
            {t("tr.close.confirmTitle", { label: fy.label })}
          </h3>
          <p>{t("tr.close.consequence", span)}</p>
          {notEnded && <p className="dash-warning">{t("tr.close.notEnded")}</p>}
          <div className="dash-actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void close()}>
              {t("tr.close.confirm", { label: fy.label })}
            </button>
            <button type="button" disabled={busy} onClick={cancel}>
              {t("tr.close.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <>
          <p>{t("tr.close.intro")}</p>
          <button ref={openButton} type="button" className="danger" onClick={() => setConfirming(true)}>
            {t("tr.close.open", { label: fy.label })}
          </button>
        </>
      )}
      {errors.top}
      <OkNotice text={notice} />
    </section>
  );
}
