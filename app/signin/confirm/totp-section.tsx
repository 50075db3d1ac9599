"use client";

// The authenticator-app section of the step-up page (/signin/confirm?next=…): for the page's list
// of sections, beside the password and passkey ones. Shown to people who have the app set up.
import { useActionState } from "react";
import { CodeForm } from "@/app/_components/mfa/code-form";
import { stepUpWithTotpAction } from "./totp-actions";

export function TotpStepUpSection({ next }: { next: string }) {
  const [state, action, pending] = useActionState(stepUpWithTotpAction, null);
  return (
    <CodeForm
      action={action}
      state={state}
      formLabel="Confirm with your authenticator app"
      next={next}
      field={{ id: "step-up-totp-code", label: "Six-digit code from your authenticator app", kind: "otp" }}
      submit={{ pending, children: "Confirm with code" }}
    />
  );
}
