// The markup every form field shares: a label, the control, an optional hint and the field's
// error beside it, the control pointing at both with aria-describedby and saying aria-invalid.
// The controls take any input props, so they serve react-hook-form (spread `register(name)`)
// and plain server-action forms (`name=`) alike.
import type { ComponentProps, ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";

const CONTROL = "w-full rounded-md border border-slate-300 px-3 py-2";

/** What a control carries so assistive technology finds its label, hint and error. */
export type FieldA11y = { id: string; "aria-invalid": boolean; "aria-describedby": string | undefined };

type FieldFrame = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** A visible (aria-hidden) asterisk after the label; the control says aria-required itself. */
  markRequired?: boolean;
};

/** The ids of the hint and the error, when shown, for aria-describedby. */
export function describedBy(id: string, { hint, error }: { hint?: boolean; error?: boolean }) {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

/** The first message a server action gave for one field, if any. */
export function fieldError(state: ActionResult<unknown> | null, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined;
}

/** One field's message, as an error summary lists it (./error-summary.tsx). */
export type SummaryItem = { name: string; message: string };

/** The first message per field of a refused action. */
export function actionItems(state: ActionResult<unknown> | null | undefined): SummaryItem[] {
  if (!state || state.ok) return [];
  return Object.entries(state.fieldErrors ?? {}).flatMap(([name, m]) => (m?.[0] ? [{ name, message: m[0] }] : []));
}

/** Whether a refused action's messages are in a summary (then the form's own outcome need not repeat them). */
export function hasFieldErrors(state: ActionResult<unknown> | null | undefined): boolean {
  return actionItems(state).length > 0;
}

/** A refused action's own message, unless it named fields (then the error summary says it). */
export function refusalMessage(state: ActionResult<unknown> | null | undefined): string | null {
  return state && !state.ok && !hasFieldErrors(state) ? (state.formError ?? null) : null;
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="text-sm text-red-700">
      {error}
    </p>
  );
}

/** Label, hint, the control (rendered by `children` with its a11y props) and the error. */
export function Field({
  id,
  label,
  hint,
  error,
  markRequired,
  children,
}: FieldFrame & { children: (a11y: FieldA11y) => ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
        {markRequired && (
          <span aria-hidden className="text-red-700">
            {" "}
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": !!error, "aria-describedby": describedBy(id, { hint: !!hint, error: !!error }) })}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The frame's props apart from the control's own. */
function splitFrame<P extends FieldFrame>({ id, label, hint, error, markRequired, ...control }: P) {
  return [{ id, label, hint, error, markRequired }, control] as const;
}

export function TextField(props: FieldFrame & ComponentProps<"input">) {
  const [frame, { className, ...input }] = splitFrame(props);
  return <Field {...frame}>{(a11y) => <input {...input} {...a11y} className={className ?? CONTROL} />}</Field>;
}

export function TextareaField(props: FieldFrame & ComponentProps<"textarea">) {
  const [frame, { className, ...textarea }] = splitFrame(props);
  return <Field {...frame}>{(a11y) => <textarea {...textarea} {...a11y} className={className ?? CONTROL} />}</Field>;
}

/** A select; `options` follow whatever `children` (e.g. an empty "None" choice) come first. */
export function SelectField(
  props: FieldFrame & ComponentProps<"select"> & { options?: readonly { value: string; label: string }[] },
) {
  const [frame, { className, children, options = [], ...select }] = splitFrame(props);
  return (
    <Field {...frame}>
      {(a11y) => (
        <select {...select} {...a11y} className={className ?? CONTROL}>
          {children}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** One checkbox with its label beside it, and its error. */
export function CheckboxField({
  id,
  label,
  error,
  className,
  ...input
}: Omit<FieldFrame, "hint" | "markRequired"> & ComponentProps<"input">) {
  return (
    <div className="flex items-start gap-2">
      <input
        {...input}
        type="checkbox"
        id={id}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, { error: !!error })}
        className={className ?? "mt-1 h-4 w-4"}
      />
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
      <FieldError id={id} error={error} />
    </div>
  );
}

/**
 * A fieldset of checkboxes sharing one name (`input` is spread on each: `{ name }` or `register(name)`),
 * its error below, pointed at by the fieldset.
 */
export function CheckboxGroup({
  id,
  legend,
  options,
  input,
  error,
}: {
  id: string;
  legend: ReactNode;
  /** `title`: more about the option on hover (a group's description). */
  options: { value: string; label: string; disabled?: boolean; title?: string }[];
  input: ComponentProps<"input">;
  error?: string;
}) {
  return (
    <fieldset id={id} className="space-y-1" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-3">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1 text-sm" title={o.title}>
            <input type="checkbox" value={o.value} disabled={o.disabled} {...input} /> {o.label}
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

/** A fieldset of radio buttons (one `name`, one chosen), one per line, its error below. */
export function RadioGroup({
  id,
  legend,
  name,
  options,
  defaultValue,
  error,
}: {
  id: string;
  legend: ReactNode;
  name: string;
  options: readonly (readonly [value: string, label: string])[];
  defaultValue: string;
  error?: string;
}) {
  return (
    <fieldset id={id} className="space-y-1" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      {options.map(([value, label]) => (
        <label key={value} className="flex items-center gap-2 text-sm">
          <input type="radio" name={name} value={value} defaultChecked={defaultValue === value} />
          {label}
        </label>
      ))}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
