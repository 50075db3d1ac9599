"use client";

import type { ActionResult } from "@/lib/action-result";
import { fieldError, refusalMessage, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { confirmPasswordAction } from "./actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

/** The password step-up: a real form posting to the server action, so it works without JavaScript. */
export function PasswordConfirmForm({ next, email }: { next: string; email: string }) {
  const { state, form, pending } = useFormAction<ActionResult>(confirmPasswordAction);
  const error = refusalMessage(state);
  return (
    <KeptForm form={form} state={state} className="space-y-4" aria-label="Confirm it's you">
      <FormAlert message={error} id="confirm-error" />
      <input type="hidden" name="next" value={next} />
      {/* The account's address for password managers; not sent, the session says who this is. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <TextField
        id="confirm-password"
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        error={fieldError(state, "password")}
      />
      <SubmitButton pending={pending} pendingLabel="Checking…" wide>
        Confirm
      </SubmitButton>
    </KeptForm>
  );
}
