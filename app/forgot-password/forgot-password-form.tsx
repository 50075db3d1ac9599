"use client";

import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { resetRequestInput, type ResetRequestInput } from "@/lib/schemas/account";
import { TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormDone } from "@/app/_components/form-alert";
import { bindField, useSubmitOnce } from "@/app/_components/hook-form";
import { requestPasswordResetAction } from "./actions";
import { HookRefusal } from "@/app/_components/error-summary";

export function ForgotPasswordForm() {
  const form = useForm<ResetRequestInput>({ resolver: zodResolver(resetRequestInput) });
  const { done, formError, onSubmit } = useSubmitOnce(form, requestPasswordResetAction, "Check your mail.");
  if (done) return <FormDone message={done} />;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Reset your password">
      <HookRefusal form={form} message={formError} />
      <TextField label="Email" type="email" autoComplete="username" {...bindField(form, "email")} />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Sending…">
        Send me a reset link
      </SubmitButton>
    </form>
  );
}
