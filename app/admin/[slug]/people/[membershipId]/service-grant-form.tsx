"use client";

import { useId } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";
import { grantServiceAccessAction } from "./service-access-actions";

/** Grants one service directly to the person: a reason, and optionally the moment it ends. */
export function ServiceGrantForm({
  hidden,
  services,
  zone,
}: {
  hidden: Record<string, string>;
  services: { id: string; name: string }[];
  zone: string;
}) {
  const { state, form, pending } = useFormAction<ActionResult>(grantServiceAccessAction);
  const id = useId();
  return (
    <KeptForm form={form} state={state} className="space-y-3" aria-label="Grant access to a service">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SelectField
        id={`${id}-service`}
        name="serviceId"
        label="Service"
        required
        markRequired
        options={services.map((s) => ({ value: s.id, label: s.name }))}
        error={fieldError(state, "serviceId")}
      />
      <TextField
        id={`${id}-reason`}
        name="reason"
        label="Reason"
        hint="Why this person needs it; kept with the grant and in the audit trail."
        required
        markRequired
        maxLength={500}
        error={fieldError(state, "reason")}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Access ends (optional)</legend>
        <p className="text-xs text-slate-500">Leave empty for no end. Times are in {zone}.</p>
        <div className="flex flex-wrap gap-3">
          <TextField
            id={`${id}-date`}
            name="expiresDate"
            type="date"
            label="Date"
            error={fieldError(state, "expiresDate") ?? fieldError(state, "expiresAt")}
          />
          <TextField
            id={`${id}-time`}
            name="expiresTime"
            type="time"
            label="Time"
            hint="Empty: end of the day"
            error={fieldError(state, "expiresTime")}
          />
        </div>
      </fieldset>
      <SubmitButton pending={pending} pendingLabel="Granting…" size="sm">
        Grant access
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
