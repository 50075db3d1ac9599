"use client";

// The one form for typing a code (an authenticator code or a recovery code) at sign-in, step-up
// and set-up: a plain form that posts before JavaScript runs too, the action's one message at the
// top, the field with its error beside it, and the submit button. Never keeps a refused code.
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, refusalMessage, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { ActionErrorSummary } from "@/app/_components/error-summary";

/** How each kind of code is typed: six digits from the app, or a longer recovery code. */
const KINDS = {
  otp: {
    inputMode: "numeric",
    autoComplete: "one-time-code",
    maxLength: 10,
    className: "w-40 rounded-md border border-slate-300 px-3 py-2 font-mono",
  },
  recovery: {
    autoComplete: "off",
    maxLength: 40,
    className: "w-full rounded-md border border-slate-300 px-3 py-2 font-mono",
  },
} as const;

export function CodeForm({
  action,
  state,
  formLabel,
  next,
  field,
  submit,
  className = "space-y-3",
  children,
}: {
  action: (form: FormData) => void;
  state: ActionResult<unknown> | null;
  /** The form's accessible name. */
  formLabel: string;
  /** Where to go afterwards, posted as a hidden field. */
  next?: string;
  field: { id: string; label: string; hint?: string; kind: keyof typeof KINDS; autoFocus?: boolean };
  submit: Pick<Parameters<typeof SubmitButton>[0], "children" | "pending" | "size" | "wide">;
  className?: string;
  /** What else follows the form's message (a step-up link, a "Continue" link). */
  children?: ReactNode;
}) {
  return (
    <form action={action} className={className} aria-label={formLabel}>
      {next !== undefined && <input type="hidden" name="next" value={next} />}
      <ActionErrorSummary state={state} />
      <FormAlert message={refusalMessage(state)} />
      {children}
      <TextField
        id={field.id}
        label={field.label}
        hint={field.hint}
        name="code"
        {...KINDS[field.kind]}
        required
        autoFocus={field.autoFocus}
        error={fieldError(state, "code")}
      />
      <SubmitButton {...submit} pendingLabel="Checking…" />
    </form>
  );
}
