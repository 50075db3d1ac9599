"use client";

// The code forms of /signin/verify. They post as plain forms too (before JavaScript runs), keep
// what was typed only where it helps (never a code that was refused), and show the action's one
// message for wrong, reused, expired or too many.
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CodeForm } from "@/app/_components/mfa/code-form";
import { verifyRecoveryCodeAction, verifyTotpAction } from "./actions";

type Done = ActionResult<{ next: string }>;

/** A code form's action, and once the step is done a full page load of `next`, so the whole page (header too) sees the session. */
function useCodeStep(verify: (prev: Done | null, form: FormData) => Promise<Done>) {
  const [state, action, pending] = useActionState(verify, null);
  useEffect(() => {
    if (state?.ok && state.data) window.location.assign(state.data.next);
  }, [state]);
  return { state, action, pending: pending || !!state?.ok };
}

/** The same, by hand, where scripts do not run (the form posted natively). */
function GoOn({ state }: { state: Done | null }) {
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
  const { state, action, pending } = useCodeStep(verifyTotpAction);
  return (
    <CodeForm
      action={action}
      state={state}
      formLabel="Sign in with an authenticator code"
      next={next}
      field={{
        id: "verify-totp-code",
        label: "Six-digit code from your authenticator app",
        kind: "otp",
        autoFocus: true,
      }}
      submit={{ pending, wide: true, children: "Verify" }}
    >
      <GoOn state={state} />
    </CodeForm>
  );
}

export function RecoveryCodeForm({ next }: { next: string }) {
  const { state, action, pending } = useCodeStep(verifyRecoveryCodeAction);
  return (
    <details open={!!state} className="space-y-3">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Use a recovery code instead</summary>
      <CodeForm
        action={action}
        state={state}
        formLabel="Sign in with a recovery code"
        next={next}
        className="space-y-3 pt-2"
        field={{
          id: "verify-recovery-code",
          label: "Recovery code",
          hint: "One of the codes you saved when you set up your second step. Each works once.",
          kind: "recovery",
        }}
        submit={{ pending, size: "sm", children: "Use recovery code" }}
      >
        <GoOn state={state} />
      </CodeForm>
    </details>
  );
}
