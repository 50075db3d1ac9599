"use client";

import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { citizenPasswordInput, type CitizenPasswordInput } from "@/lib/schemas/citizen";
import { TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormDone } from "@/app/_components/form-alert";
import { bindField, useSubmitOnce } from "@/app/_components/hook-form";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { HookRefusal } from "@/app/_components/error-summary";
import { completeCitizenSignupAction } from "./actions";

export function CitizenPasswordForm({ token, email }: { token: string; email: string }) {
  const form = useForm<CitizenPasswordInput>({ resolver: zodResolver(citizenPasswordInput), mode: "onTouched" });
  const { done, formError, onSubmit } = useSubmitOnce(
    form,
    (values) => completeCitizenSignupAction(token, values),
    "Your citizen account is ready.",
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
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Choose your password">
      <p className="text-sm text-slate-600">
        Account: <strong>{email}</strong>
      </p>
      <HookRefusal form={form} message={formError} />
      <TextField
        label="Your name (optional)"
        autoComplete="name"
        {...bindField(form, "name")}
        hint="Only you and the staff handling your reports see it."
        error={form.formState.errors.name?.message}
      />
      <NewPasswordFields form={form} context={{ name: null, email }} />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Saving…">
        Make my account
      </SubmitButton>
    </form>
  );
}
