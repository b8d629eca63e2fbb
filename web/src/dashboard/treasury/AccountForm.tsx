import { type FormEvent, useId, useRef, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { HttpError } from "../http";
import { ErrorNote } from "../Status";
import {
  ACCOUNT_TYPES,
  type AccountField,
  type AccountType,
  checkAccountDraft,
  type FieldErrors,
  type FieldProblem,
  fieldErrorsFromApi,
  firstInvalidField,
} from "./accounts";
import { type Account, accountWrites } from "./api";

type T = ReturnType<typeof treasuryText.useT>;

/** A field problem in the reader's language (the server's own words when it named something we did not foresee). */
export function problemText(t: T, p: FieldProblem): string {
  return "problem" in p ? t(`tr.acc.err.${p.problem}`) : t("tr.acc.err.server", { message: p.serverMessage });
}

/** The message under a field; its id is what the field's aria-describedby points at. */
export function FieldMessage({ id, problem }: { id: string; problem: FieldProblem | undefined }) {
  const t = treasuryText.useT();
  if (!problem) return null;
  return (
    <p id={id} className="dash-error dash-field-message">
      {problemText(t, problem)}
    </p>
  );
}

/** Adds an account (treasurer only): mistakes, the API's duplicate_code included, are shown beside their field. */
export function AccountForm({ groupId, onAdded }: { groupId: string; onAdded: (account: Account) => void }) {
  const t = treasuryText.useT();
  const id = useId();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [type, setType] = useState<AccountType>("expense");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    code: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
    type: useRef<HTMLSelectElement>(null),
  };
  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    const first = firstInvalidField(found);
    if (first) refs[first].current?.focus();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const found = checkAccountDraft({ code, name, type });
    showErrors(found);
    if (firstInvalidField(found)) return;
    setBusy(true);
    try {
      const account = await accountWrites.add(groupId, { code: code.trim(), name: name.trim(), type });
      setCode("");
      setName("");
      onAdded(account);
    } catch (err) {
      const fields = err instanceof HttpError ? fieldErrorsFromApi(err) : {};
      if (firstInvalidField(fields)) showErrors(fields);
      else setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const describedBy = (field: AccountField, hint?: string) =>
    [hint, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <form className="dash-form dash-panel" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("tr.acc.add")}</h2>
      <div className="dash-row">
        <div className="dash-field">
          <label htmlFor={`${id}-code`}>{t("tr.acc.code")}</label>
          <input
            ref={refs.code}
            id={`${id}-code`}
            value={code}
            maxLength={16}
            autoComplete="off"
            aria-invalid={errors.code ? true : undefined}
            aria-describedby={describedBy("code", `${id}-code-hint`)}
            onChange={(e) => setCode(e.target.value)}
          />
          <p id={`${id}-code-hint`} className="dash-muted dash-field-message">
            {t("tr.acc.codeHint")}
          </p>
          <FieldMessage id={`${id}-code-error`} problem={errors.code} />
        </div>
        <div className="dash-field">
          <label htmlFor={`${id}-name`}>{t("tr.acc.name")}</label>
          <input
            ref={refs.name}
            id={`${id}-name`}
            value={name}
            maxLength={80}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy("name")}
            onChange={(e) => setName(e.target.value)}
          />
          <FieldMessage id={`${id}-name-error`} problem={errors.name} />
        </div>
        <div className="dash-field">
          <label htmlFor={`${id}-type`}>{t("tr.acc.type")}</label>
          <select
            ref={refs.type}
            id={`${id}-type`}
            value={type}
            aria-invalid={errors.type ? true : undefined}
            aria-describedby={describedBy("type")}
            onChange={(e) => setType(e.target.value as AccountType)}
          >
            {ACCOUNT_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`tr.type.${k}`)}
              </option>
            ))}
          </select>
          <FieldMessage id={`${id}-type-error`} problem={errors.type} />
        </div>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t("tr.acc.submit")}
      </button>
      {error && <ErrorNote error={error} />}
    </form>
  );
}
