"use client";

import { useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { resetPasswordInput, type ResetPasswordInput } from "@/lib/schemas/account";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { applyFieldErrors } from "@/app/_components/hook-form";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token, email, name }: { token: string; email: string; name: string | null }) {
  const [done, setDone] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ResetPasswordInput>({ resolver: zodResolver(resetPasswordInput), mode: "onTouched" });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const r = await resetPasswordAction(token, values);
    if (r.ok) return setDone(r.message ?? "Your password was changed.");
    setFormError(r.formError ?? "Something went wrong.");
    applyFieldErrors(form.setError, r.fieldErrors);
  });
  if (done)
    return (
      <div role="status" className="space-y-2 rounded-lg border border-green-200 bg-green-50 p-5 text-green-900">
        <p>{done}</p>
        <Link href="/signin" className="text-brand-700 underline">
          Go to sign-in
        </Link>
      </div>
    );
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Choose a new password">
      <p className="text-sm text-slate-600">
        Account: <strong>{email}</strong>
      </p>
      <FormAlert message={formError} />
      <NewPasswordFields form={form} context={{ name, email }} />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Saving…">
        Set the new password
      </SubmitButton>
    </form>
  );
}
