import { type FormEvent, useCallback, useRef, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { Field, type FieldErrors } from "../Field";
import { formatDay, parseMoneyToCents, todayIn } from "../format";
import { canWriteBooks, type GroupChoice } from "../group";
import { newIdempotencyKey } from "../http";
import { listGroupMeetings } from "../meetings/api";
import { useFormErrors } from "../FormErrors";
import { OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { moneyWrites, treasuryApi } from "./api";
import { contributionPlacement, lineField } from "./contribution-form";
import { useMoney } from "./useMoney";

type Line = { id: number; amount: string; method: "cash" | "online" };

/** The running total of the typed amounts; null when one of them is not an amount. */
function totalOf(lines: readonly Line[]): number | null {
  let total = 0;
  for (const l of lines) {
    const cents = parseMoneyToCents(l.amount);
    if (cents === null || cents === 0) return null;
    total += cents;
  }
  return total;
}

function AmountLine({
  line,
  n,
  errors,
  name,
  onChange,
  onRemove,
}: {
  line: Line;
  n: number;
  /** The form's errors, and this amount's field in them (lineField). */
  errors: FieldErrors<string>;
  name: string;
  onChange: (l: Line) => void;
  onRemove?: () => void;
}) {
  const t = treasuryText.useT();
  return (
    <div className="dash-row dash-line">
      <Field errors={errors} name={name} label={t("tr.contrib.amount", { n })}>
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            required
            value={line.amount}
            onChange={(e) => onChange({ ...line, amount: e.target.value })}
          />
        )}
      </Field>
      <label className="dash-field">
        <span>{t("tr.contrib.method")}</span>
        <select value={line.method} onChange={(e) => onChange({ ...line, method: e.target.value as Line["method"] })}>
          <option value="cash">{t("tr.contrib.cash")}</option>
          <option value="online">{t("tr.contrib.online")}</option>
        </select>
      </label>
      {onRemove && (
        <button type="button" onClick={onRemove} aria-label={t("tr.contrib.removeLine", { n })}>
          ×
        </button>
      )}
    </div>
  );
}

/** Contribution batch entry: amounts with a running total, one Idempotency-Key per submission. Treasurers record; admins read (the API's rule). */
export function ContributionsPage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const money = useMoney(group.id);
  const loadMeetings = useCallback(() => listGroupMeetings(group.id), [group.id]);
  const meetings = useAsync(loadMeetings);
  const loadBatches = useCallback(() => treasuryApi.batches(group.id), [group.id]);
  const batches = useAsync(loadBatches);
  const nextId = useRef(2);
  const [date, setDate] = useState(() => todayIn(group.timezone));
  const [meetingId, setMeetingId] = useState("");
  const [memo, setMemo] = useState("");
  const [lines, setLines] = useState<Line[]>([{ id: 1, amount: "", method: "cash" }]);
  // The key belongs to this submission: a retry after a network error reuses it, success retires it.
  const key = useRef(newIdempotencyKey());
  const [recorded, setRecorded] = useState<number | null>(null);
  const errors = useFormErrors<string>(contributionPlacement(lines.length));
  const total = totalOf(lines);
  const canWrite = canWriteBooks(group);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setRecorded(null);
    const items = lines.map((l) => ({ amountCents: parseMoneyToCents(l.amount) ?? 0, method: l.method }));
    try {
      const res = await moneyWrites.contributionBatch(
        group.id,
        { date, items, ...(meetingId ? { meetingId } : {}), ...(memo.trim() ? { memo: memo.trim() } : {}) },
        key.current,
      );
      key.current = newIdempotencyKey();
      setRecorded(res.totalCents);
      setLines([{ id: nextId.current++, amount: "", method: "cash" }]);
      setMemo("");
      batches.reload();
    } catch (err) {
      errors.fromApi(err);
    }
  };

  return (
    <section aria-labelledby="contrib-title">
      <h1 id="contrib-title">{t("tr.contrib.title")}</h1>
      {canWrite ? (
        <>
          <p>{t("tr.contrib.intro")}</p>
          <form className="dash-form dash-panel" onSubmit={submit}>
            {errors.top}
            <div className="dash-row">
              <Field errors={errors} name="date" label={t("tr.contrib.date")}>
                {(control) => (
                  <input {...control} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
                )}
              </Field>
              <Field errors={errors} name="meetingId" label={t("tr.contrib.meeting")}>
                {(control) => (
                  <select {...control} value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
                    <option value="">{t("tr.contrib.noMeeting")}</option>
                    {meetings.data?.items.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            {lines.map((line, i) => (
              <AmountLine
                key={line.id}
                line={line}
                n={i + 1}
                errors={errors}
                name={lineField(i)}
                onChange={(l) => setLines((all) => all.map((x) => (x.id === l.id ? l : x)))}
                onRemove={lines.length > 1 ? () => setLines((all) => all.filter((x) => x.id !== line.id)) : undefined}
              />
            ))}
            <button
              type="button"
              onClick={() => setLines((all) => [...all, { id: nextId.current++, amount: "", method: "cash" }])}
            >
              {t("tr.contrib.addLine")}
            </button>
            <Field errors={errors} name="memo" label={t("tr.contrib.memo")}>
              {(control) => (
                <input {...control} value={memo} maxLength={200} onChange={(e) => setMemo(e.target.value)} />
              )}
            </Field>
            <p className="dash-total" aria-live="polite">
              {total === null
                ? lines.some((l) => l.amount.trim() !== "")
                  ? t("tr.contrib.badAmount")
                  : t("tr.contrib.total", { total: money(0) })
                : t("tr.contrib.total", { total: money(total) })}
            </p>
            <button type="submit" className="primary" disabled={total === null}>
              {t("tr.contrib.submit")}
            </button>
            <OkNotice text={recorded !== null && t("tr.contrib.recorded", { total: money(recorded) })} />
          </form>
        </>
      ) : (
        <p className="dash-notice">{t("tr.readOnly")}</p>
      )}
      <h2>{t("tr.contrib.recent")}</h2>
      <ResourceStatus resource={batches} />
      <ul className="dash-list">
        {batches.data?.slice(0, 20).map((b) => (
          <li key={b.id} className="dash-card">
            <strong>{money(b.totalCents)}</strong> · {formatDay(b.date, t.locale)} ·{" "}
            {t.plural("tr.contrib.items", b.itemCount)}
            {b.meetingId && ` · ${meetings.data?.items.find((m) => m.id === b.meetingId)?.name ?? ""}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
