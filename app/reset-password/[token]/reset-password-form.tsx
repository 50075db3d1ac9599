"use client";

import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { resetPasswordInput, type ResetPasswordInput } from "@/lib/schemas/account";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormDone } from "@/app/_components/form-alert";
import { useSubmitOnce } from "@/app/_components/hook-form";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { resetPasswordAction } from "./actions";
import { HookRefusal } from "@/app/_components/error-summary";

export function ResetPasswordForm({ token, email, name }: { token: string; email: string; name: string | null }) {
  const form = useForm<ResetPasswordInput>({ resolver: zodResolver(resetPasswordInput), mode: "onTouched" });
  const { done, formError, onSubmit } = useSubmitOnce(
    form,
    (values) => resetPasswordAction(token, values),
    "Your password was changed.",
  );
  if (done)
    return (
      <FormDone message={done}>
        <Link href="/signin" className="text-brand-700 underline">
          Go to sign-in
        </Link>
      </FormDone>
    );
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Choose a new password">
      <p className="text-sm text-slate-600">
        Account: <strong>{email}</strong>
      </p>
      <HookRefusal form={form} message={formError} />
      <NewPasswordFields form={form} context={{ name, email }} />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Saving…">
        Set the new password
      </SubmitButton>
    </form>
  );
}
