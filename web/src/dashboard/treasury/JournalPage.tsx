import { useCallback, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { formatDay } from "../format";
import { canWriteBooks, type GroupChoice } from "../group";
import { ErrorNote, OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { type Entry, moneyWrites, treasuryApi, treasuryPath } from "./api";
import { JournalEntryForm } from "./JournalEntryForm";
import { useMoney } from "./useMoney";

/** One posted entry; `onReverse` is absent for readers, who get no Reverse column. */
function EntryRow({
  entry,
  names,
  reversed,
  money,
  onReverse,
}: {
  entry: Entry;
  names: Map<string, string>;
  reversed: boolean;
  money: (c: number) => string;
  onReverse?: () => void;
}) {
  const t = treasuryText.useT();
  return (
    <tr>
      <td>{formatDay(entry.date, t.locale)}</td>
      <td>
        {entry.memo}
        <br />
        <span className="dash-muted">{t(`tr.journal.kind.${entry.kind}`)}</span>
      </td>
      <td>
        <ul className="dash-lines">
          {entry.lines.map((l) => (
            <li key={l.lineNo}>
              {names.get(l.accountId) ?? l.accountId}:{" "}
              {l.amountCents >= 0
                ? `${t("tr.journal.debit")} ${money(l.amountCents)}`
                : `${t("tr.journal.credit")} ${money(-l.amountCents)}`}
            </li>
          ))}
        </ul>
      </td>
      {onReverse && (
        <td>
          {entry.kind !== "reversal" && !reversed && (
            <button type="button" onClick={onReverse} aria-label={`${t("tr.journal.reverse")}: ${entry.memo}`}>
              {t("tr.journal.reverse")}
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

/** The journal, newest first; a posted entry is corrected only by its reversing entry. Treasurers post and reverse; admins read (the API's rule). */
export function JournalPage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const money = useMoney(group.id);
  const load = useCallback(async () => {
    const [accounts, { entries }] = await Promise.all([treasuryApi.accounts(group.id), treasuryApi.entries(group.id)]);
    return { accounts, names: new Map(accounts.map((a) => [a.id, `${a.code} ${a.name}`])), entries };
  }, [group.id]);
  const journal = useAsync(load);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const canWrite = canWriteBooks(group);
  const reversedIds = new Set((journal.data?.entries ?? []).map((e) => e.reversesEntryId).filter(Boolean));
  const reverse = async (entryId: string) => {
    setError(null);
    setNotice(null);
    try {
      await moneyWrites.reverse(group.id, entryId);
      setNotice(t("tr.journal.reversed"));
      journal.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const base = treasuryPath(group.id);
  return (
    <section aria-labelledby="journal-title">
      <h1 id="journal-title">{t("tr.journal.title")}</h1>
      <p>{t("tr.journal.intro")}</p>
      <p className="dash-actions">
        <a className="button" href={`${base}/journal.csv`} download>
          {t("tr.journal.exportCsv")}
        </a>
        <a className="button" href={`${base}/journal.ledger`} download>
          {t("tr.journal.exportLedger")}
        </a>
      </p>
      {journal.data &&
        (canWrite ? (
          <JournalEntryForm
            groupId={group.id}
            timezone={group.timezone}
            accounts={journal.data.accounts.filter((a) => a.active)}
            money={money}
            onPosted={journal.reload}
          />
        ) : (
          <p className="dash-notice">{t("tr.readOnly")}</p>
        ))}
      <OkNotice text={notice && notice} />
      {error && <ErrorNote error={error} />}
      <ResourceStatus resource={journal} />
      {journal.data && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        <section className="dash-scroll" aria-label={t("tr.journal.title")} tabIndex={0}>
          <table className="dash-table">
            <thead>
              <tr>
                <th scope="col">{t("tr.journal.date")}</th>
                <th scope="col">{t("tr.journal.memo")}</th>
                <th scope="col">{t("tr.journal.lines")}</th>
                {canWrite && (
                  <th scope="col">
                    <span className="visually-hidden">{t("tr.journal.reverse")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {journal.data.entries.map((e) => (
                <EntryRow
                  key={e.id}
                  entry={e}
                  names={journal.data?.names ?? new Map()}
                  reversed={reversedIds.has(e.id)}
                  money={money}
                  onReverse={canWrite ? () => void reverse(e.id) : undefined}
                />
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
