import { useId, useMemo } from "react";
import { dashboard } from "../../i18n/dashboard";
import type { MeetingFormState } from "./form-state";
import { toggleDay, weekdayNames, zoneList } from "./schedule";

type Props = { value: MeetingFormState; onChange: (patch: Partial<MeetingFormState>) => void };

/** Weekday toggles, local start time, length and the meeting's IANA zone. */
export function ScheduleBuilder({ value, onChange }: Props) {
  const t = dashboard.useT();
  const id = useId();
  const names = weekdayNames(t.locale);
  const zones = useMemo(() => zoneList(value.timezone), [value.timezone]);
  return (
    <>
      <fieldset className="dash-fieldset">
        <legend>{t("meetings.field.days")}</legend>
        <div className="dash-days">
          {names.map((name, day) => (
            <button
              key={name}
              type="button"
              aria-pressed={value.days.includes(day)}
              onClick={() => onChange({ days: toggleDay(value.days, day) })}
            >
              {name}
            </button>
          ))}
        </div>
        {value.days.length === 0 && <p className="dash-error">{t("meetings.pickDay")}</p>}
      </fieldset>
      <div className="dash-row">
        <label className="dash-field" htmlFor={`${id}-time`}>
          <span>{t("meetings.field.startTime")}</span>
          <input
            id={`${id}-time`}
            type="time"
            required
            value={value.startTime}
            onChange={(e) => onChange({ startTime: e.target.value })}
          />
        </label>
        <label className="dash-field" htmlFor={`${id}-dur`}>
          <span>{t("meetings.field.duration")}</span>
          <input
            id={`${id}-dur`}
            type="number"
            min={15}
            max={600}
            step={5}
            required
            value={value.durationMinutes}
            onChange={(e) => onChange({ durationMinutes: e.target.value })}
          />
        </label>
      </div>
      <label className="dash-field" htmlFor={`${id}-zone`}>
        <span>{t("meetings.field.zone")}</span>
        <select id={`${id}-zone`} value={value.timezone} onChange={(e) => onChange({ timezone: e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
