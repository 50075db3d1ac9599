// The glue between react-hook-form and the shared fields (form-field.tsx): the props that bind a
// field to a form, and a server action's field errors shown on the form.
import type { FieldPath, FieldValues, Path, UseFormReturn, UseFormSetError } from "react-hook-form";

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
