"use client";

// The authenticator-app section of the step-up page (/signin/confirm?next=…): for the page's list
// of sections, beside the password and passkey ones. Shown to people who have the app set up.
import { useActionState } from "react";
import { fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { stepUpWithTotpAction } from "./totp-actions";

export function TotpStepUpSection({ next }: { next: string }) {
  const [state, action, pending] = useActionState(stepUpWithTotpAction, null);
  return (
    <form action={action} className="space-y-3" aria-label="Confirm with your authenticator app">
      <input type="hidden" name="next" value={next} />
      <FormAlert message={state && !state.ok ? state.formError : null} />
      <TextField
        id="step-up-totp-code"
        label="Six-digit code from your authenticator app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={10}
        required
        error={fieldError(state, "code")}
        className="w-40 rounded-md border border-slate-300 px-3 py-2 font-mono"
      />
      <SubmitButton pending={pending} pendingLabel="Checking…">
        Confirm with code
      </SubmitButton>
    </form>
  );
}
