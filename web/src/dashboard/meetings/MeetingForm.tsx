import { type FormEvent, type ReactNode, type RefObject, useId, useRef, useState } from "react";
import { FLOOR_MODES } from "#shared/floor-modes";
import { MAX_SLIP_MIN_MINUTES, slipMinutesProblem } from "#shared/slip-settings";
import { dashboard } from "../../i18n/dashboard";
import { useFormErrors } from "../FormErrors";
import type { MeetingFormState } from "./form-state";
import { ScheduleBuilder } from "./ScheduleBuilder";
import { LanguagePicker, TypePicker } from "./TypePicker";
import { Field } from "../Field";

type Props = {
  initial: MeetingFormState;
  mode: "create" | "edit";
  busy: boolean;
  /** Saves the meeting; a refusal it throws is shown beside its fields. */
  onSubmit: (state: MeetingFormState) => Promise<void>;
};

/** The fields an API refusal can name, in form order; `fieldOf` maps the API's nested paths to them. */
const FIELDS = [
  "name",
  "description",
  "days",
  "types",
  "capacity",
  "passcode",
  "address",
  "city",
  "country",
  "latitude",
  "longitude",
  "conferenceUrl",
  "conferencePhone",
  "conferenceNotes",
  "venmo",
  "paypal",
  "square",
  "homegroupOnline",
] as const;
type FieldName = (typeof FIELDS)[number];
const NESTED: Record<string, FieldName> = {
  "schedule.days": "days",
  "place.address": "address",
  "place.city": "city",
  "place.country": "country",
  "place.latitude": "latitude",
  "place.longitude": "longitude",
  "conference.url": "conferenceUrl",
  "conference.phone": "conferencePhone",
  "conference.notes": "conferenceNotes",
  "seventhTradition.venmo": "venmo",
  "seventhTradition.paypal": "paypal",
  "seventhTradition.square": "square",
  "seventhTradition.homegroupOnline": "homegroupOnline",
};
const PLACEMENT = {
  fields: FIELDS,
  fieldOf: (path: string) => NESTED[path] ?? NESTED[path.split(".").slice(0, 2).join(".")],
};
type Errors = ReturnType<typeof useFormErrors<FieldName>>;

function Text({
  label,
  value,
  onChange,
  type = "text",
  required = false,
  field,
  errors,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  required?: boolean;
  field?: FieldName;
  errors?: Errors;
}) {
  return (
    <Field errors={errors} name={field} label={label}>
      {(control) => (
        <input {...control} type={type} value={value} required={required} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="dash-fieldset">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/** Attendance slips: the minimum presence (its mistake shown beside it) and auto-confirm. */
function SlipFields({
  f,
  set,
  problem,
  minutesRef,
}: {
  f: MeetingFormState;
  set: (patch: Partial<MeetingFormState>) => void;
  problem: "whole" | "range" | null;
  minutesRef: RefObject<HTMLInputElement | null>;
}) {
  const t = dashboard.useT();
  const id = useId();
  return (
    <Group legend={t("meetings.slips.legend")}>
      <div className="dash-field">
        <label htmlFor={`${id}-min`}>{t("meetings.slips.minMinutes")}</label>
        <input
          ref={minutesRef}
          id={`${id}-min`}
          inputMode="numeric"
          value={f.slipMinMinutes}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[`${id}-min-hint`, problem ? `${id}-min-error` : ""].filter(Boolean).join(" ")}
          onChange={(e) => set({ slipMinMinutes: e.target.value })}
        />
        <p id={`${id}-min-hint`} className="dash-muted dash-field-message">
          {t("meetings.slips.minMinutesHint", { max: MAX_SLIP_MIN_MINUTES })}
        </p>
        {problem ? (
          <p id={`${id}-min-error`} className="dash-error dash-field-message">
            {t(`meetings.slips.err.${problem}`, { max: MAX_SLIP_MIN_MINUTES })}
          </p>
        ) : null}
      </div>
      <label className="dash-check">
        <input
          type="checkbox"
          checked={f.slipAutoConfirm}
          onChange={(e) => set({ slipAutoConfirm: e.target.checked })}
        />
        <span>{t("meetings.slips.autoConfirm")}</span>
      </label>
    </Group>
  );
}

/** Who may speak when the room opens: one choice per floor mode, each explained beside it. */
function FloorModeField({ f, set }: { f: MeetingFormState; set: (patch: Partial<MeetingFormState>) => void }) {
  const t = dashboard.useT();
  const id = useId();
  return (
    <Group legend={t("meetings.floor.legend")}>
      {FLOOR_MODES.map((mode) => (
        <div key={mode}>
          <label className="dash-check">
            <input
              type="radio"
              name={`${id}-floor`}
              value={mode}
              checked={f.floorMode === mode}
              aria-describedby={`${id}-${mode}`}
              onChange={() => set({ floorMode: mode })}
            />
            <span>{t(`meetings.floor.${mode}`)}</span>
          </label>
          <p id={`${id}-${mode}`} className="dash-muted dash-field-message">
            {t(`meetings.floor.${mode}.hint`)}
          </p>
        </div>
      ))}
      <p className="dash-muted">{t("meetings.floor.live")}</p>
    </Group>
  );
}

/** Create/edit a meeting: what, when (schedule builder), who may come in, and where it is held. */
export function MeetingForm({ initial, mode, busy, onSubmit }: Props) {
  const t = dashboard.useT();
  const [f, setF] = useState(initial);
  const [slipProblem, setSlipProblem] = useState<"whole" | "range" | null>(null);
  const slipMinutes = useRef<HTMLInputElement>(null);
  const errors = useFormErrors(PLACEMENT);
  const set = (patch: Partial<MeetingFormState>) => setF((s) => ({ ...s, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    const problem = slipMinutesProblem(f.slipMinMinutes);
    setSlipProblem(problem);
    if (problem) {
      slipMinutes.current?.focus();
      return;
    }
    if (f.days.length === 0) return;
    try {
      await onSubmit(f);
    } catch (err) {
      errors.fromApi(err);
    }
  };
  const bind = { errors };
  return (
    <form className="dash-form" onSubmit={submit}>
      {errors.top}
      <Text
        label={t("meetings.field.name")}
        value={f.name}
        onChange={(name) => set({ name })}
        required
        field="name"
        {...bind}
      />
      <Field errors={errors} name="description" label={t("meetings.field.description")}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={f.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        )}
      </Field>
      <ScheduleBuilder value={f} onChange={set} />
      <TypePicker value={f.types} onChange={(types) => set({ types })} />
      <LanguagePicker value={f.language} onChange={(language) => set({ language })} />
      <label className="dash-field">
        <span>{t("meetings.field.visibility")}</span>
        <select
          value={f.visibility}
          onChange={(e) => set({ visibility: e.target.value as MeetingFormState["visibility"] })}
        >
          <option value="public">{t("meetings.visibility.public")}</option>
          <option value="unlisted">{t("meetings.visibility.unlisted")}</option>
        </select>
      </label>
      <label className="dash-check">
        <input type="checkbox" checked={f.waitingRoom} onChange={(e) => set({ waitingRoom: e.target.checked })} />
        <span>{t("meetings.field.waitingRoom")}</span>
      </label>
      <div className="dash-row">
        <Text
          label={t("meetings.field.capacity")}
          type="number"
          value={f.capacity}
          onChange={(capacity) => set({ capacity })}
          field="capacity"
          {...bind}
        />
        <label className="dash-field">
          <span>{t("meetings.field.chatRetention")}</span>
          <select
            value={f.chatRetention}
            onChange={(e) => set({ chatRetention: e.target.value as MeetingFormState["chatRetention"] })}
          >
            <option value="end">{t("meetings.chat.end")}</option>
            <option value="24h">{t("meetings.chat.24h")}</option>
            <option value="7d">{t("meetings.chat.7d")}</option>
          </select>
        </label>
      </div>
      {mode === "create" && (
        <Text
          label={t("meetings.field.passcode")}
          value={f.passcode}
          onChange={(passcode) => set({ passcode })}
          field="passcode"
          {...bind}
        />
      )}
      <label className="dash-field">
        <span>{t("meetings.field.passcodeAccess")}</span>
        <select
          value={f.passcodeAccess}
          onChange={(e) => set({ passcodeAccess: e.target.value as MeetingFormState["passcodeAccess"] })}
        >
          <option value="shown">{t("meetings.access.shown")}</option>
          <option value="after_admit">{t("meetings.access.after_admit")}</option>
          <option value="ask">{t("meetings.access.ask")}</option>
        </select>
      </label>
      <label className="dash-check">
        <input type="checkbox" checked={f.latecomerChat} onChange={(e) => set({ latecomerChat: e.target.checked })} />
        <span>{t("meetings.field.latecomerChat")}</span>
      </label>
      <Group legend={t("meetings.place.legend")}>
        <label className="dash-field">
          <span>{t("meetings.place.attendance")}</span>
          <select
            value={f.attendance}
            onChange={(e) => set({ attendance: e.target.value as MeetingFormState["attendance"] })}
          >
            <option value="online">{t("meetings.place.online")}</option>
            <option value="hybrid">{t("meetings.place.hybrid")}</option>
            <option value="in_person">{t("meetings.place.in_person")}</option>
          </select>
        </label>
        {f.attendance === "online" ? (
          <Text
            label={t("meetings.place.approximate")}
            value={f.approximatePlace}
            onChange={(approximatePlace) => set({ approximatePlace })}
          />
        ) : (
          <>
            <Text
              label={t("meetings.place.venueName")}
              value={f.venueName}
              onChange={(venueName) => set({ venueName })}
            />
            <Text
              label={t("meetings.place.address")}
              value={f.address}
              onChange={(address) => set({ address })}
              field="address"
              {...bind}
              required
            />
            <div className="dash-row">
              <Text
                label={t("meetings.place.city")}
                value={f.city}
                onChange={(city) => set({ city })}
                field="city"
                {...bind}
                required
              />
              <Text label={t("meetings.place.region")} value={f.region} onChange={(region) => set({ region })} />
              <Text
                label={t("meetings.place.postalCode")}
                value={f.postalCode}
                onChange={(postalCode) => set({ postalCode })}
              />
              <Text
                label={t("meetings.place.country")}
                value={f.country}
                onChange={(country) => set({ country })}
                field="country"
                {...bind}
                required
              />
            </div>
            <div className="dash-row">
              <Text
                label={t("meetings.place.latitude")}
                type="number"
                value={f.latitude}
                onChange={(latitude) => set({ latitude })}
                field="latitude"
                {...bind}
              />
              <Text
                label={t("meetings.place.longitude")}
                type="number"
                value={f.longitude}
                onChange={(longitude) => set({ longitude })}
                field="longitude"
                {...bind}
              />
            </div>
            <Text
              label={t("meetings.place.notes")}
              value={f.locationNotes}
              onChange={(locationNotes) => set({ locationNotes })}
            />
            <label className="dash-check">
              <input
                type="checkbox"
                checked={f.wheelchairAccess}
                onChange={(e) => set({ wheelchairAccess: e.target.checked })}
              />
              <span>{t("meetings.place.wheelchair")}</span>
            </label>
          </>
        )}
        <Text label={t("meetings.place.regions")} value={f.regions} onChange={(regions) => set({ regions })} />
      </Group>
      <Group legend={t("meetings.field.conference")}>
        <Text
          label={t("meetings.field.conferenceUrl")}
          type="url"
          value={f.conferenceUrl}
          onChange={(conferenceUrl) => set({ conferenceUrl })}
          field="conferenceUrl"
          {...bind}
        />
        <Text
          label={t("meetings.field.conferencePhone")}
          type="tel"
          value={f.conferencePhone}
          onChange={(conferencePhone) => set({ conferencePhone })}
          field="conferencePhone"
          {...bind}
        />
        <Text
          label={t("meetings.field.conferenceNotes")}
          value={f.conferenceNotes}
          onChange={(conferenceNotes) => set({ conferenceNotes })}
          field="conferenceNotes"
          {...bind}
        />
      </Group>
      <Group legend={t("meetings.field.tradition")}>
        <div className="dash-row">
          <Text
            label={t("meetings.field.venmo")}
            value={f.venmo}
            onChange={(venmo) => set({ venmo })}
            field="venmo"
            {...bind}
          />
          <Text
            label={t("meetings.field.paypal")}
            value={f.paypal}
            onChange={(paypal) => set({ paypal })}
            field="paypal"
            {...bind}
          />
          <Text
            label={t("meetings.field.square")}
            value={f.square}
            onChange={(square) => set({ square })}
            field="square"
            {...bind}
          />
          <Text
            label={t("meetings.field.homegroupOnline")}
            value={f.homegroupOnline}
            onChange={(homegroupOnline) => set({ homegroupOnline })}
            field="homegroupOnline"
            {...bind}
          />
        </div>
      </Group>
      <FloorModeField f={f} set={set} />
      <SlipFields f={f} set={set} problem={slipProblem} minutesRef={slipMinutes} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t("dash.saving") : t("dash.save")}
      </button>
    </form>
  );
}
