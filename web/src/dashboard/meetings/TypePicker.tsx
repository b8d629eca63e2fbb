import { languageName, typeName } from "../../attendee/type-names";
import { LANGUAGE_CODES, TYPE_CODES } from "#shared/meeting-codes";
import { dashboard } from "../../i18n/dashboard";

/** Meeting Guide type codes as checkboxes, in words (the code itself stays in the value). */
export function TypePicker({ value, onChange }: { value: string[]; onChange: (types: string[]) => void }) {
  const t = dashboard.useT();
  const toggle = (code: string) => onChange(value.includes(code) ? value.filter((c) => c !== code) : [...value, code]);
  // Alphabetical in the reader's language: people look for a word, not a code.
  const codes = [...TYPE_CODES].sort((a, b) => typeName(a, t.locale).localeCompare(typeName(b, t.locale), t.locale));
  return (
    <fieldset className="dash-fieldset">
      <legend>{t("meetings.field.types")}</legend>
      <div className="dash-checks">
        {codes.map((code) => (
          <label key={code} className="dash-check">
            <input type="checkbox" checked={value.includes(code)} onChange={() => toggle(code)} />
            <span>{typeName(code, t.locale)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The meeting's language, named in the reader's language. */
export function LanguagePicker({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const t = dashboard.useT();
  return (
    <label className="dash-field">
      <span>{t("meetings.field.language")}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {LANGUAGE_CODES.map((code) => (
          <option key={code} value={code}>
            {languageName(code, t.locale)}
          </option>
        ))}
      </select>
    </label>
  );
}
