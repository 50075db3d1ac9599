"use client";

// One address to mail a link to ("forgot password", a citizen's sign-up): the field, the send
// button with its pending state, and afterwards the action's neutral answer in place of the form.
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { resetRequestInput, type ResetRequestInput } from "@/lib/schemas/account";
import type { ActionResult } from "@/lib/action-result";
import { TextField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { FormDone } from "./form-alert";
import { bindField, useSubmitOnce } from "./hook-form";
import { HookRefusal } from "./error-summary";

export function EmailLinkForm({
  label,
  send,
  submitLabel,
  hint,
  autoComplete = "email",
}: {
  label: string;
  send: (values: ResetRequestInput) => Promise<ActionResult>;
  submitLabel: string;
  hint?: string;
  autoComplete?: string;
}) {
  const form = useForm<ResetRequestInput>({ resolver: zodResolver(resetRequestInput) });
  const { done, formError, onSubmit } = useSubmitOnce(form, send, "Check your mail.");
  if (done) return <FormDone message={done} />;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label={label}>
      <HookRefusal form={form} message={formError} />
      <TextField label="Email" type="email" autoComplete={autoComplete} hint={hint} {...bindField(form, "email")} />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Sending…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
