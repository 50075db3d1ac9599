"use client";

import { useId } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { ActionOutcome } from "./form-alert";
import { KeptForm } from "./kept-form";
import { useFormAction } from "./use-form-action";

type Props = {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  hidden: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  reason?: { label: string; placeholder?: string };
  tone?: "danger" | "normal";
};

/** A one-button form for a server action, with an optional reason, pending state and result. */
export function ActionForm({ action, hidden, submitLabel, pendingLabel, reason, tone = "normal" }: Props) {
  const { state, form, pending } = useFormAction(action);
  const id = useId();
  return (
    <KeptForm form={form} state={state} className="space-y-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {reason && (
        <TextField
          id={`${id}-reason`}
          label={reason.label}
          name="reason"
          required
          minLength={3}
          maxLength={500}
          placeholder={reason.placeholder}
          error={fieldError(state, "reason")}
        />
      )}
      <SubmitButton
        pending={pending}
        pendingLabel={pendingLabel ?? "Working…"}
        size="sm"
        tone={tone === "danger" ? "danger" : "brand"}
      >
        {submitLabel}
      </SubmitButton>
      <ActionOutcome state={state} quietSuccess />
    </KeptForm>
  );
}
