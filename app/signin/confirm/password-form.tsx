"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { confirmPasswordAction } from "./actions";

/** The password step-up: a real form posting to the server action, so it works without JavaScript. */
export function PasswordConfirmForm({ next, email }: { next: string; email: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(confirmPasswordAction, null);
  const error = state && !state.ok ? state.formError : null;
  return (
    <form action={action} className="space-y-4" aria-label="Confirm it's you">
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
    </form>
  );
}
