"use client";

import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { registrationInput, type RegistrationInput } from "@/lib/schemas/people";
import { SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { applyFieldErrors, bindField } from "@/app/_components/hook-form";
import { requestRegistrationAction } from "./actions";

export function RegisterForm({
  municipalities,
}: {
  municipalities: { slug: string; name: string; domains: string[] }[];
}) {
  const [done, setDone] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RegistrationInput>({
    resolver: zodResolver(registrationInput),
    defaultValues: { municipality: municipalities.length === 1 ? municipalities[0]!.slug : "" },
  });
  const { errors, isSubmitting } = form.formState;
  const slug = useWatch({ control: form.control, name: "municipality" });
  const chosen = municipalities.find((m) => m.slug === slug);
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const r = await requestRegistrationAction(values);
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
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Ask to join">
      <FormAlert message={formError} />
      <SelectField
        label="Municipality"
        {...bindField(form, "municipality")}
        options={municipalities.map((m) => ({ value: m.slug, label: m.name }))}
      >
        <option value="">Choose…</option>
      </SelectField>
      <TextField
        label="Work email"
        type="email"
        autoComplete="email"
        {...bindField(form, "email")}
        hint={
          chosen
            ? `Addresses ending in ${chosen.domains.map((d) => `@${d}`).join(" or ")}.`
            : "Your municipality's address."
        }
        error={errors.email?.message}
      />
      <SubmitButton pending={isSubmitting} pendingLabel="Sending…">
        Send me a confirmation link
      </SubmitButton>
    </form>
  );
}
