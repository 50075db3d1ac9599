"use client";

// The destructive authenticator controls on /account, each behind a confirmation: removing the
// app (a ticked box, so it also works before JavaScript runs) and making new recovery codes (a
// second click; the old codes stop working).
import { startTransition, useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, refusalMessage } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { RecoveryCodes } from "@/app/_components/mfa/recovery-codes";
import { StepUpLink } from "@/app/_components/mfa/step-up-link";
import { ActionButton } from "@/app/_components/mfa/action-button";
import { AskFirst } from "@/app/_components/ask-first";
import { removeTotpAction, renewRecoveryCodesAction } from "./totp-actions";
import type { RecoveryCodesData } from "@/app/_components/mfa/totp-steps";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

export function RemoveTotpForm() {
  const { state, form, pending } = useFormAction(removeTotpAction);
  return (
    <KeptForm form={form} state={state} className="space-y-2" aria-label="Remove authenticator app">
      <CheckboxField id="totp-remove-confirm" label="Yes, remove my authenticator app" name="confirm" value="yes" />
      <SubmitButton pending={pending} pendingLabel="Removing…" size="sm" tone="danger">
        Remove authenticator app
      </SubmitButton>
      <FormAlert message={refusalMessage(state)} />
      {state && !state.ok && state.stepUp && <StepUpLink />}
      {state?.ok && (
        <p role="status" className="text-sm text-green-800">
          {state.message}
        </p>
      )}
    </KeptForm>
  );
}

export function RenewRecoveryCodes() {
  const [state, action, pending] = useActionState<ActionResult<RecoveryCodesData> | null>(
    () => renewRecoveryCodesAction(),
    null,
  );
  if (state?.ok && state.data?.recoveryCodes)
    return (
      <div className="space-y-2">
        <RecoveryCodes codes={state.data.recoveryCodes} />
        <a href="/account" className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
          Done: I saved my recovery codes
        </a>
      </div>
    );
  return (
    <AskFirst label="Make new recovery codes" tone="neutral">
      {() => (
        <div className="space-y-2">
          <p className="text-sm">Your current recovery codes will stop working. Make ten new ones?</p>
          <ActionButton
            pending={pending}
            pendingLabel="Making codes…"
            tone="danger"
            onClick={() => startTransition(action)}
          >
            Yes, make new codes
          </ActionButton>
          <FormAlert message={refusalMessage(state)} />
          {state && !state.ok && state.stepUp && <StepUpLink />}
        </div>
      )}
    </AskFirst>
  );
}
