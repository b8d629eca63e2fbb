import { useCallback, useRef, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { canWriteBooks, type GroupChoice } from "../group";
import { OkNotice, ResourceStatus } from "../Status";
import { useAsync } from "../useAsync";
import { AccountForm } from "./AccountForm";
import { type AccountOutcome, AccountRow } from "./AccountRow";
import { groupByType } from "./accounts";
import { treasuryApi } from "./api";

/** The chart of accounts by type. Treasurers add, rename, (de)activate and delete; admins read (the API's rule). */
export function AccountsPage({ group }: { group: GroupChoice }) {
  const t = treasuryText.useT();
  const load = useCallback(() => treasuryApi.accounts(group.id), [group.id]);
  const accounts = useAsync(load);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const canWrite = canWriteBooks(group);
  const changed = (o: AccountOutcome) => {
    setNotice(o.message);
    accounts.reload();
    // The row that held focus is gone: the page heading takes it, and the live region says what happened.
    if (o.gone) heading.current?.focus();
  };
  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title" ref={heading} tabIndex={-1}>
        {t("tr.acc.title")}
      </h1>
      <p>{t("tr.acc.intro")}</p>
      {canWrite ? (
        <AccountForm
          groupId={group.id}
          onAdded={(a) => changed({ message: t("tr.acc.added", { account: `${a.code} ${a.name}` }) })}
        />
      ) : (
        <p className="dash-notice">{t("tr.acc.readOnly")}</p>
      )}
      <OkNotice text={notice} />
      <ResourceStatus resource={accounts} />
      {accounts.data &&
        groupByType(accounts.data).map(({ type, accounts: rows }) => (
          <section key={type} aria-labelledby={`accounts-${type}`}>
            <h2 id={`accounts-${type}`}>{t(`tr.acc.group.${type}`)}</h2>
            <ul className="dash-list">
              {rows.map((a) => (
                <AccountRow key={a.id} account={a} groupId={group.id} canWrite={canWrite} onChanged={changed} />
              ))}
            </ul>
          </section>
        ))}
    </section>
  );
}
