"use client";

import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { citizenSignupInput, type CitizenSignupInput } from "@/lib/schemas/citizen";
import { TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormDone } from "@/app/_components/form-alert";
import { bindField, useSubmitOnce } from "@/app/_components/hook-form";
import { HookRefusal } from "@/app/_components/error-summary";
import { requestCitizenSignupAction } from "./actions";

export function CitizenSignUpForm() {
  const form = useForm<CitizenSignupInput>({ resolver: zodResolver(citizenSignupInput) });
  const { errors, isSubmitting } = form.formState;
  const { done, formError, onSubmit } = useSubmitOnce(form, requestCitizenSignupAction, "Check your mail.");
  if (done) return <FormDone message={done} />;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Make a citizen account">
      <HookRefusal form={form} message={formError} />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        {...bindField(form, "email")}
        hint="We mail you a link to confirm it; then you choose a password."
        error={errors.email?.message}
      />
      <SubmitButton pending={isSubmitting} pendingLabel="Sending…">
        Send me a confirmation link
      </SubmitButton>
    </form>
  );
}
