import { type ReactNode, useId } from "react";
import type { useFormErrors } from "./FormErrors";

/** The form's errors a field reads (from useFormErrors). */
export type FieldErrors<F extends string> = Pick<ReturnType<typeof useFormErrors<F>>, "field" | "message">;

/** What a Field hands its control: the id its label names, and the error wiring (focus, aria-invalid, aria-describedby). */
export type ControlProps = { id: string } & Partial<ReturnType<FieldErrors<string>["field"]>>;

/**
 * One labelled field of a dashboard form: the label, the control, its hint and the sentence of its
 * error, with the ids wired (the label's `for`, `aria-describedby` naming the hint and the error,
 * `aria-invalid` when refused). The control is the caller's; spread the props it is handed. A field
 * no refusal can name (no `errors`/`name`) is the same label, control and hint.
 *
 *   <Field errors={errors} name="code" label={t("tr.acc.code")} hint={t("tr.acc.codeHint")}>
 *     {(control) => <input {...control} value={code} onChange={…} />}
 *   </Field>
 */
export function Field<F extends string>({
  errors,
  name,
  label,
  hint,
  id: givenId,
  children,
}: {
  errors?: FieldErrors<F>;
  name?: F;
  label: ReactNode;
  hint?: ReactNode;
  /** The control's id, when the caller needs to find it (else one of React's). */
  id?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const hintId = hint ? `${id}-hint` : undefined;
  const refusable = errors && name !== undefined ? { errors, name } : null;
  return (
    <div className="dash-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(refusable ? refusable.errors.field(refusable.name, hintId) : { "aria-describedby": hintId }),
      })}
      {hint ? (
        <p id={hintId} className="dash-muted dash-field-message">
          {hint}
        </p>
      ) : null}
      {refusable?.errors.message(refusable.name)}
    </div>
  );
}
