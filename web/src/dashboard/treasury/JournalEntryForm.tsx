import { type FormEvent, useRef, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { todayIn } from "../format";
import { newIdempotencyKey } from "../http";
import { useFormErrors } from "../FormErrors";
import { AccountOptions, OkNotice } from "../Status";
import type { Account } from "./api";
import { moneyWrites } from "./api";
import { checkEntry, type TypedLine } from "./entry-lines";
import { Field } from "../Field";

/**
 * Where a refused entry's problems go: `json.date`, `json.memo` to their field, any `json.lines.…`
 * issue beside the lines (focus on the first line's account); a closed or out-of-range period to the date.
 */
const ENTRY_PLACEMENT = {
  fields: ["date", "memo", "lines"] as const,
  codeFields: {
    period_closed: "date",
    date_out_of_range: "date",
    invalid_date: "date",
    account_unavailable: "lines",
  } as const,
};

const blank = (): TypedLine => ({ accountId: "", debit: "", credit: "" });

/** Post a balanced manual entry (opening balances, transfers, corrections after a reversal). */
export function JournalEntryForm({
  groupId,
  timezone,
  accounts,
  money,
  onPosted,
}: {
  groupId: string;
  timezone: string;
  accounts: readonly Account[];
  money: (c: number) => string;
  onPosted: () => void;
}) {
  const t = treasuryText.useT();
  const [date, setDate] = useState(() => todayIn(timezone));
  const [memo, setMemo] = useState("");
  const [lines, setLines] = useState<TypedLine[]>([blank(), blank()]);
  const key = useRef(newIdempotencyKey());
  const errors = useFormErrors(ENTRY_PLACEMENT);
  const [posted, setPosted] = useState(false);
  const check = checkEntry(lines);
  const set = (i: number, patch: Partial<TypedLine>) =>
    setLines((all) => all.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setPosted(false);
    if (!check.ok) return;
    try {
      await moneyWrites.entry(groupId, { date, memo: memo.trim(), lines: check.lines }, key.current);
      key.current = newIdempotencyKey();
      setPosted(true);
      setMemo("");
      setLines([blank(), blank()]);
      onPosted();
    } catch (err) {
      errors.fromApi(err);
    }
  };
  return (
    <details className="dash-details dash-panel">
      <summary>{t("tr.journal.new")}</summary>
      <form className="dash-form" onSubmit={submit}>
        {errors.top}
        <div className="dash-row">
          <Field errors={errors} name="date" label={t("tr.journal.date")}>
            {(control) => (
              <input {...control} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
            )}
          </Field>
          <Field errors={errors} name="memo" label={t("tr.journal.memo")}>
            {(control) => (
              <input {...control} required maxLength={500} value={memo} onChange={(e) => setMemo(e.target.value)} />
            )}
          </Field>
        </div>
        {lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are only appended, never reordered
          <fieldset key={i} className="dash-fieldset">
            <legend>{t("tr.journal.line", { n: i + 1 })}</legend>
            <div className="dash-row">
              <label className="dash-field">
                <span>{t("tr.account")}</span>
                <select
                  value={line.accountId}
                  {...(i === 0 ? errors.field("lines") : {})}
                  onChange={(e) => set(i, { accountId: e.target.value })}
                >
                  <option value="">—</option>
                  <AccountOptions accounts={accounts} />
                </select>
              </label>
              <label className="dash-field">
                <span>{t("tr.journal.debit")}</span>
                <input inputMode="decimal" value={line.debit} onChange={(e) => set(i, { debit: e.target.value })} />
              </label>
              <label className="dash-field">
                <span>{t("tr.journal.credit")}</span>
                <input inputMode="decimal" value={line.credit} onChange={(e) => set(i, { credit: e.target.value })} />
              </label>
            </div>
          </fieldset>
        ))}
        <button type="button" onClick={() => setLines((all) => [...all, blank()])}>
          {t("tr.journal.addLine")}
        </button>
        <p className="dash-total" aria-live="polite">
          {check.ok
            ? t("tr.journal.balanced", { total: money(check.totalCents) })
            : check.reason === "unbalanced"
              ? t("tr.journal.unbalanced", { debits: money(check.debitCents), credits: money(check.creditCents) })
              : check.reason === "amount"
                ? t("tr.contrib.badAmount")
                : t("tr.journal.twoLines")}
        </p>
        {errors.message("lines")}
        <button type="submit" className="primary" disabled={!check.ok}>
          {t("tr.journal.post")}
        </button>
        <OkNotice text={posted && t("tr.journal.posted")} />
      </form>
    </details>
  );
}
