"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { resetRequestInput, type ResetRequestInput } from "@/lib/schemas/account";
import { TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { applyFieldErrors, bindField } from "@/app/_components/hook-form";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  const [done, setDone] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ResetRequestInput>({ resolver: zodResolver(resetRequestInput) });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const r = await requestPasswordResetAction(values);
    if (r.ok) return setDone(r.message ?? "Check your mail.");
    setFormError(r.formError ?? "Something went wrong.");
    applyFieldErrors(form.setError, r.fieldErrors);
  });
  if (done)
    return (
      <p role="status" className="rounded-lg border border-green-200 bg-green-50 p-5 text-green-900">
        {done}
      </p>
    );
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Reset your password">
      <FormAlert message={formError} />
      <TextField label="Email" type="email" autoComplete="username" {...bindField(form, "email")} />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Sending…">
        Send me a reset link
      </SubmitButton>
    </form>
  );
}
