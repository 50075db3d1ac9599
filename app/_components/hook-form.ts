// The glue between react-hook-form and the shared fields (form-field.tsx): the props that bind a
// field to a form, a server action's field errors shown on the form, and the submit of a form that
// has done its job once the action says yes (useSubmitOnce).
import { useState } from "react";
import type { FieldPath, FieldValues, Path, UseFormReturn, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";

/** id, name, handlers, ref and the current error of one field: spread on a TextField/SelectField. */
export function bindField<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, "register" | "formState">,
  name: FieldPath<T>,
) {
  const error = form.formState.errors[name];
  return {
    id: name as string,
    ...form.register(name),
    error: error ? String(error.message ?? "Invalid value") : undefined,
  };
}

/** The first message per field, only for the fields the form has (`has`, when some are not shown). */
export function applyFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fieldErrors: Record<string, string[] | undefined> | undefined,
  has: (name: string) => boolean = () => true,
) {
  for (const [k, m] of Object.entries(fieldErrors ?? {}))
    if (m?.[0] && has(k)) setError(k as Path<T>, { message: m[0] });
}

/**
 * Submits through `send` (a server action): on success `done` holds its message (or `doneMessage`)
 * and the page shows that instead of the form (FormDone); on failure `formError` and each field's
 * message are shown, and what was typed stays.
 */
export function useSubmitOnce<T extends FieldValues>(
  form: UseFormReturn<T>,
  send: (values: T) => Promise<ActionResult>,
  doneMessage: string,
) {
  const [done, setDone] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const r = await send(values);
    if (r.ok) return setDone(r.message ?? doneMessage);
    setFormError(r.formError ?? "Something went wrong.");
    applyFieldErrors(form.setError, r.fieldErrors);
  });
  return { done, formError, onSubmit };
}
