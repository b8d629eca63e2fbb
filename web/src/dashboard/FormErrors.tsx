import { useCallback, useEffect, useId, useRef, useState } from "react";
import { errorsText } from "../i18n/dashboard-errors";
import { type ErrorPlacement, type FormErrors, firstFieldWithError, formErrorsFromApi } from "./form-errors";

/**
 * A form's errors, used by every dashboard form that submits: a sentence beside each field
 * (`aria-invalid`, `aria-describedby`), one at the top for what names no field, and focus on the
 * first field with a problem (or on the top sentence).
 *
 *   const errors = useFormErrors({ fields: ["code", "name"] });
 *   {errors.top}  …  <input {...errors.field("code", hintId)} /> {errors.message("code")}
 *   catch (err) { errors.fromApi(err) }
 */
export function useFormErrors<F extends string>(placement: ErrorPlacement<F>) {
  const say = errorsText.useT();
  const id = useId();
  const [errors, setErrors] = useState<FormErrors<F>>({ fields: {} });
  const [shown, setShown] = useState(0);
  const elements = useRef(new Map<F, HTMLElement>());
  const topElement = useRef<HTMLParagraphElement>(null);
  const placementRef = useRef(placement);
  placementRef.current = placement;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per show(), after the sentences are on the page.
  useEffect(() => {
    if (shown === 0) return;
    const first = firstFieldWithError(errors, placementRef.current.fields);
    if (first) elements.current.get(first)?.focus();
    else if (errors.form) topElement.current?.focus();
  }, [shown]);

  const show = useCallback((next: FormErrors<F>) => {
    setErrors(next);
    if (next.form || Object.keys(next.fields).length > 0) setShown((n) => n + 1);
  }, []);
  const clear = useCallback(() => setErrors({ fields: {} }), []);
  const fromApi = useCallback(
    (error: unknown) => show(formErrorsFromApi(error, placementRef.current, say)),
    [show, say],
  );
  const errorId = (name: F) => `${id}-${name}-error`;

  /** Props for a field's control: where focus goes, whether it is invalid, what describes it. */
  const field = (name: F, hint?: string) => ({
    ref: (el: HTMLElement | null) => {
      if (el) elements.current.set(name, el);
      else elements.current.delete(name);
    },
    "aria-invalid": errors.fields[name] ? (true as const) : undefined,
    "aria-describedby": [hint, errors.fields[name] ? errorId(name) : undefined].filter(Boolean).join(" ") || undefined,
  });

  /** The sentence beside one field (nothing when it is fine). */
  const message = (name: F) =>
    errors.fields[name] ? (
      <p id={errorId(name)} className="dash-error dash-field-message">
        {errors.fields[name]}
      </p>
    ) : null;

  /** The sentence at the top of the form for what names no field. */
  const top = errors.form ? (
    <p ref={topElement} tabIndex={-1} role="alert" className="dash-error dash-form-error">
      {errors.form}
    </p>
  ) : null;

  const hasErrors = Boolean(errors.form) || Object.keys(errors.fields).length > 0;
  return { errors, hasErrors, show, clear, fromApi, field, message, top, say };
}
