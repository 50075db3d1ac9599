"use client";

// The code forms of /signin/verify. They post as plain forms too (before JavaScript runs), keep
// what was typed only where it helps (never a code that was refused), and show the action's one
// message for wrong, reused, expired or too many.
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { verifyRecoveryCodeAction, verifyTotpAction } from "./actions";

/** Once the step is done: a full page load of `next`, so the whole page (header too) sees the session. */
function useGoOn(state: ActionResult<{ next: string }> | null) {
  useEffect(() => {
    if (state?.ok && state.data) window.location.assign(state.data.next);
  }, [state]);
}

/** The same, by hand, where scripts do not run (the form posted natively). */
function GoOn({ state }: { state: ActionResult<{ next: string }> | null }) {
  if (!state?.ok || !state.data) return null;
  return (
    <p role="status" className="text-sm text-green-800">
      {state.message}{" "}
      <a href={state.data.next} className="font-medium underline">
        Continue
      </a>
    </p>
  );
}

export function TotpCodeForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(verifyTotpAction, null);
  useGoOn(state);
  return (
    <form action={action} className="space-y-3" aria-label="Sign in with an authenticator code">
      <input type="hidden" name="next" value={next} />
      <FormAlert message={state && !state.ok ? state.formError : null} />
      <GoOn state={state} />
      <TextField
        id="verify-totp-code"
        label="Six-digit code from your authenticator app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={10}
        required
        autoFocus
        error={fieldError(state, "code")}
        className="w-40 rounded-md border border-slate-300 px-3 py-2 font-mono"
      />
      <SubmitButton pending={pending || !!state?.ok} pendingLabel="Checking…" wide>
        Verify
      </SubmitButton>
    </form>
  );
}

export function RecoveryCodeForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(verifyRecoveryCodeAction, null);
  useGoOn(state);
  return (
    <details open={!!state} className="space-y-3">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Use a recovery code instead</summary>
      <form action={action} className="space-y-3 pt-2" aria-label="Sign in with a recovery code">
        <input type="hidden" name="next" value={next} />
        <FormAlert message={state && !state.ok ? state.formError : null} />
        <GoOn state={state} />
        <TextField
          id="verify-recovery-code"
          label="Recovery code"
          hint="One of the codes you saved when you set up your second step. Each works once."
          name="code"
          autoComplete="off"
          maxLength={40}
          required
          error={fieldError(state, "code")}
          className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono"
        />
        <SubmitButton pending={pending || !!state?.ok} pendingLabel="Checking…" size="sm">
          Use recovery code
        </SubmitButton>
      </form>
    </details>
  );
}
