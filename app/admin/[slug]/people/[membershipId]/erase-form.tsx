"use client";

import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { eraseUserAction } from "./actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

/** Erasure cannot be undone: the admin types the person's address to confirm. */
export function EraseForm({ hidden, email }: { hidden: Record<string, string>; email: string }) {
  const { state, form, pending } = useFormAction<ActionResult>(eraseUserAction);
  const field = (name: "reason" | "confirmEmail", label: string) => (
    <TextField
      id={`erase-${name}`}
      label={label}
      name={name}
      required
      autoComplete="off"
      error={fieldError(state, name)}
    />
  );
  return (
    <KeptForm form={form} state={state} className="space-y-2" aria-label="Erase personal data">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <p className="text-sm text-slate-600">
        Replaces name, email ({email}), phone and job title for good, and deactivates the account. Records and the audit
        trail stay.
      </p>
      {field("reason", "Reason for erasing")}
      {field("confirmEmail", "Type the person's email to confirm")}
      <SubmitButton pending={pending} pendingLabel="Erasing…" size="sm" tone="danger">
        Erase personal data
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
