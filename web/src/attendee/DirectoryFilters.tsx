import { useState } from "react";
import { attendee } from "../i18n/attendee";
import type { DirectoryFilters as Filters } from "./attendee-api";
import { FILTER_LANGUAGES, FILTER_TYPES, languageName, typeName } from "./type-names";

const TIMES = ["morning", "midday", "evening", "night"] as const;

/** Weekday names in the reader's language, Sunday first (Meeting Guide's day 0). */
function weekdays(locale: string): string[] {
  const fmt = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  // 2026-11-22 is a Sunday.
  return Array.from({ length: 7 }, (_, i) => fmt.format(Date.UTC(2026, 10, 22 + i)));
}

type Props = { value: Filters; onChange: (next: Filters) => void };

/** How many filters narrow the list (search aside, which stays in view): the Filters button shows it. */
export function activeFilterCount(f: Filters): number {
  return [f.day, f.timeOfDay, f.attendance, f.language].filter(Boolean).length + (f.types.length ? 1 : 0);
}

/** Search, day, time of day, language and format filters; every control labelled. */
export function DirectoryFilters({ value, onChange }: Props) {
  const t = attendee.useT();
  // Small screens: the filters fold behind one button (the CSS shows it only there), so the first meeting is in view.
  const [open, setOpen] = useState(false);
  const active = activeFilterCount(value);
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const toggleType = (code: string) =>
    set({ types: value.types.includes(code) ? value.types.filter((c) => c !== code) : [...value.types, code] });
  return (
    <search aria-label={t("filters.label")}>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field field-wide field-search">
          <span>{t("filters.search")}</span>
          <input
            type="search"
            value={value.q}
            onChange={(e) => set({ q: e.target.value })}
            placeholder={t("filters.searchHint")}
          />
        </label>
        <button
          type="button"
          className="filters-toggle"
          aria-expanded={open}
          aria-controls="filters-more"
          onClick={() => setOpen(!open)}
        >
          {active ? t("filters.toggleCount", { count: active }) : t("filters.toggle")}
        </button>
        <div id="filters-more" className={open ? "filters-more open" : "filters-more"}>
          <label className="field">
            <span>{t("filters.day")}</span>
            <select value={value.day} onChange={(e) => set({ day: e.target.value })}>
              <option value="">{t("filters.anyDay")}</option>
              {weekdays(t.locale).map((name, i) => (
                <option key={name} value={String(i)}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("filters.timeOfDay")}</span>
            <select value={value.timeOfDay} onChange={(e) => set({ timeOfDay: e.target.value })}>
              <option value="">{t("filters.anyTime")}</option>
              {TIMES.map((time) => (
                <option key={time} value={time}>
                  {t(`filters.time.${time}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("filters.attendance")}</span>
            <select value={value.attendance} onChange={(e) => set({ attendance: e.target.value })}>
              <option value="">{t("filters.anyAttendance")}</option>
              <option value="online">{t("filters.attendance.online")}</option>
              <option value="in_person">{t("filters.attendance.in_person")}</option>
              <option value="hybrid">{t("filters.attendance.hybrid")}</option>
            </select>
          </label>
          <label className="field">
            <span>{t("filters.language")}</span>
            <select value={value.language} onChange={(e) => set({ language: e.target.value })}>
              <option value="">{t("filters.anyLanguage")}</option>
              {FILTER_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {languageName(code, t.locale)}
                </option>
              ))}
            </select>
          </label>
          {/* Collapsed by default: on a phone, a dozen checkboxes would push every meeting off screen. */}
          <details className="field-wide type-details">
            <summary>
              {value.types.length ? t("filters.typesChosen", { count: value.types.length }) : t("filters.typesSummary")}
            </summary>
            <fieldset className="type-filter">
              <legend>{t("filters.types")}</legend>
              {FILTER_TYPES.map((code) => (
                <label key={code} className="check">
                  <input type="checkbox" checked={value.types.includes(code)} onChange={() => toggleType(code)} />
                  <span>{typeName(code, t.locale)}</span>
                </label>
              ))}
            </fieldset>
          </details>
        </div>
      </form>
    </search>
  );
}
