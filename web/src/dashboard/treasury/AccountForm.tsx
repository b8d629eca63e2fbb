import { type FormEvent, useId, useState } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { useFormErrors } from "../FormErrors";
import {
  ACCOUNT_FIELDS,
  ACCOUNT_PLACEMENT,
  ACCOUNT_TYPES,
  type AccountField,
  type AccountType,
  checkAccountDraft,
  type FieldErrors,
  type FieldProblem,
} from "./accounts";
import { type Account, accountWrites } from "./api";
import { Field } from "../Field";

type T = ReturnType<typeof treasuryText.useT>;

/** A mistake caught before sending, in the reader's language. */
export function problemText(t: T, p: FieldProblem): string {
  return t(`tr.acc.err.${p.problem}`);
}

/** Each field's mistake as a sentence, for `useFormErrors().show`. */
export function problemSentences(t: T, found: FieldErrors): Partial<Record<AccountField, string>> {
  return Object.fromEntries(ACCOUNT_FIELDS.flatMap((f) => (found[f] ? [[f, problemText(t, found[f])]] : [])));
}

/** Adds an account (treasurer only): mistakes, the API's duplicate_code included, are shown beside their field. */
export function AccountForm({ groupId, onAdded }: { groupId: string; onAdded: (account: Account) => void }) {
  const t = treasuryText.useT();
  const id = useId();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [type, setType] = useState<AccountType>("expense");
  const errors = useFormErrors(ACCOUNT_PLACEMENT);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields = problemSentences(t, checkAccountDraft({ code, name, type }));
    errors.show({ fields });
    if (Object.keys(fields).length > 0) return;
    setBusy(true);
    try {
      const account = await accountWrites.add(groupId, { code: code.trim(), name: name.trim(), type });
      setCode("");
      setName("");
      onAdded(account);
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="dash-form dash-panel" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("tr.acc.add")}</h2>
      {errors.top}
      <div className="dash-row">
        <Field errors={errors} name="code" label={t("tr.acc.code")} hint={t("tr.acc.codeHint")}>
          {(control) => (
            <input
              {...control}
              value={code}
              maxLength={16}
              autoComplete="off"
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <Field errors={errors} name="name" label={t("tr.acc.name")}>
          {(control) => <input {...control} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field errors={errors} name="type" label={t("tr.acc.type")}>
          {(control) => (
            <select {...control} value={type} onChange={(e) => setType(e.target.value as AccountType)}>
              {ACCOUNT_TYPES.map((k) => (
                <option key={k} value={k}>
                  {t(`tr.type.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t("tr.acc.submit")}
      </button>
    </form>
  );
}
