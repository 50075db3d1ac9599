"use client";

import { EmailLinkForm } from "@/app/_components/email-link-form";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  return (
    <EmailLinkForm
      label="Reset your password"
      send={requestPasswordResetAction}
      submitLabel="Send me a reset link"
      autoComplete="username"
    />
  );
}
