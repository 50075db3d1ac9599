"use client";

import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { registrationInput, type RegistrationInput } from "@/lib/schemas/people";
import { SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormDone } from "@/app/_components/form-alert";
import { bindField, useSubmitOnce } from "@/app/_components/hook-form";
import { requestRegistrationAction } from "./actions";
import { HookRefusal } from "@/app/_components/error-summary";

export function RegisterForm({
  municipalities,
}: {
  municipalities: { slug: string; name: string; domains: string[] }[];
}) {
  const form = useForm<RegistrationInput>({
    resolver: zodResolver(registrationInput),
    defaultValues: { municipality: municipalities.length === 1 ? municipalities[0]!.slug : "" },
  });
  const { errors, isSubmitting } = form.formState;
  const slug = useWatch({ control: form.control, name: "municipality" });
  const chosen = municipalities.find((m) => m.slug === slug);
  const { done, formError, onSubmit } = useSubmitOnce(form, requestRegistrationAction, "Check your mail.");
  if (done) return <FormDone message={done} />;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Ask to join">
      <HookRefusal form={form} message={formError} />
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
