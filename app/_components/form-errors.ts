// A server action's field errors shown on a react-hook-form form: the first message per field,
// only for the fields the form has (`has`, when some are not shown).
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

export function applyFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fieldErrors: Record<string, string[] | undefined> | undefined,
  has: (name: string) => boolean = () => true,
) {
  for (const [k, m] of Object.entries(fieldErrors ?? {}))
    if (m?.[0] && has(k)) setError(k as Path<T>, { message: m[0] });
}
