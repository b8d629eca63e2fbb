import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { ErrorNote } from "../Status";
import { useFormErrors } from "../FormErrors";
import { problemText } from "./AccountForm";
import { checkAccountName } from "./accounts";
import { type Account, accountWrites } from "./api";
import { Field } from "../Field";

type Mode = "view" | "rename" | "delete";

const RENAME_PLACEMENT = { fields: ["name"] as const };

/** What a write did, for the page's status message; `gone` when the row left the list. */
export type AccountOutcome = { message: string; gone?: boolean };

function RenameForm({
  account,
  groupId,
  onDone,
  onCancel,
}: {
  account: Account;
  groupId: string;
  onDone: (o: AccountOutcome) => void;
  onCancel: () => void;
}) {
  const t = treasuryText.useT();
  const id = useId();
  const [name, setName] = useState(account.name);
  const errors = useFormErrors(RENAME_PLACEMENT);
  useEffect(() => (document.getElementById(`${id}-name`) as HTMLInputElement | null)?.select(), [id]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkAccountName(name);
    errors.show({ fields: found ? { name: problemText(t, found) } : {} });
    if (found) return;
    try {
      const renamed = await accountWrites.update(groupId, account.id, { name: name.trim() });
      onDone({ message: t("tr.acc.renamed", { code: renamed.code, name: renamed.name }) });
    } catch (err) {
      errors.fromApi(err);
    }
  };
  return (
    <form className="dash-inline-form" onSubmit={submit} noValidate>
      <Field errors={errors} name="name" id={`${id}-name`} label={t("tr.acc.newName", { code: account.code })}>
        {(control) => (
          <input
            {...control}
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && onCancel()}
          />
        )}
      </Field>
      <button type="submit" className="primary">
        {t("tr.acc.saveName")}
      </button>
      <button type="button" onClick={onCancel}>
        {t("tr.acc.cancel")}
      </button>
      {errors.top}
    </form>
  );
}

function DeleteConfirm({
  account,
  label,
  groupId,
  onDone,
  onCancel,
}: {
  account: Account;
  label: string;
  groupId: string;
  onDone: (o: AccountOutcome) => void;
  onCancel: () => void;
}) {
  const t = treasuryText.useT();
  const [error, setError] = useState<Error | null>(null);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => question.current?.focus(), []);
  const remove = async () => {
    setError(null);
    try {
      const r = await accountWrites.remove(groupId, account.id);
      onDone(
        r.deleted
          ? { message: t("tr.acc.deleted", { account: label }), gone: true }
          : { message: t("tr.acc.deactivatedInstead", { account: label }) },
      );
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <div className="dash-confirm">
      <p ref={question} tabIndex={-1}>
        {t("tr.acc.deleteConfirm", { account: label })}
      </p>
      <div className="dash-actions">
        <button type="button" className="danger" onClick={() => void remove()}>
          {t("tr.acc.deleteYes")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("tr.acc.cancel")}
        </button>
      </div>
      {error && <ErrorNote error={error} />}
    </div>
  );
}

/** One account: code, name and state; a treasurer renames, (de)activates or deletes it in place. */
export function AccountRow({
  account,
  groupId,
  canWrite,
  onChanged,
}: {
  account: Account;
  groupId: string;
  canWrite: boolean;
  onChanged: (o: AccountOutcome) => void;
}) {
  const t = treasuryText.useT();
  const [mode, setMode] = useState<Mode>("view");
  const [error, setError] = useState<Error | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const label = `${account.code} ${account.name}`;
  // Back from an inline form, focus returns to the button that opened it.
  const close = (from: Mode) => {
    setMode("view");
    requestAnimationFrame(() => (from === "rename" ? renameButton : deleteButton).current?.focus());
  };
  const done = (from: Mode) => (o: AccountOutcome) => {
    onChanged(o);
    if (!o.gone) close(from);
  };
  const toggle = async () => {
    setError(null);
    try {
      const updated = await accountWrites.update(groupId, account.id, { active: !account.active });
      onChanged({ message: t(updated.active ? "tr.acc.reactivated" : "tr.acc.deactivated", { account: label }) });
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <li className="dash-card dash-account">
      <p>
        <strong>{account.code}</strong> {account.name}{" "}
        <span className={account.active ? "dash-tag" : "dash-tag dash-tag-off"}>
          {t(account.active ? "tr.acc.active" : "tr.acc.inactive")}
        </span>
      </p>
      {canWrite && mode === "view" && (
        <div className="dash-actions">
          <button
            ref={renameButton}
            type="button"
            aria-label={`${t("tr.acc.rename")}: ${label}`}
            onClick={() => setMode("rename")}
          >
            {t("tr.acc.rename")}
          </button>
          <button
            type="button"
            aria-label={`${t(account.active ? "tr.acc.deactivate" : "tr.acc.reactivate")}: ${label}`}
            onClick={() => void toggle()}
          >
            {t(account.active ? "tr.acc.deactivate" : "tr.acc.reactivate")}
          </button>
          {/* The standard chart's accounts can be deactivated, never deleted (the API refuses). */}
          {!account.standard && (
            <button
              ref={deleteButton}
              type="button"
              className="danger"
              aria-label={`${t("tr.acc.delete")}: ${label}`}
              onClick={() => setMode("delete")}
            >
              {t("tr.acc.delete")}
            </button>
          )}
        </div>
      )}
      {mode === "rename" && (
        <RenameForm account={account} groupId={groupId} onDone={done("rename")} onCancel={() => close("rename")} />
      )}
      {mode === "delete" && (
        <DeleteConfirm
          account={account}
          label={label}
          groupId={groupId}
          onDone={done("delete")}
          onCancel={() => close("delete")}
        />
      )}
      {error && <ErrorNote error={error} />}
    </li>
  );
}
