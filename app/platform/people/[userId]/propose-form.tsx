"use client";

import type { ActionResult } from "@/lib/action-result";
import { fieldError, SelectField, TextareaField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { proposePlatformGrantAction } from "../../actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

/** Propose giving or removing one platform group; a second platform admin approves it. */
export function ProposeGrantForm({
  userId,
  choices,
}: {
  userId: string;
  /** The changes that make sense for this person: give a group they lack, remove one they hold. */
  choices: { value: string; label: string }[];
}) {
  const { state, form, pending } = useFormAction<ActionResult>(proposePlatformGrantAction);
  return (
    <KeptForm form={form} state={state} aria-label="Propose a platform group change" className="max-w-lg space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <SelectField
        id="grant-choice"
        label="Change"
        name="choice"
        required
        options={choices}
        error={fieldError(state, "group") ?? fieldError(state, "change")}
        onChange={(e) => {
          const [change, group] = e.currentTarget.value.split(":");
          const f = e.currentTarget.form!;
          (f.elements.namedItem("change") as HTMLInputElement).value = change ?? "";
          (f.elements.namedItem("group") as HTMLInputElement).value = group ?? "";
        }}
      />
      <input type="hidden" name="change" defaultValue={choices[0]?.value.split(":")[0]} />
      <input type="hidden" name="group" defaultValue={choices[0]?.value.split(":")[1]} />
      <TextareaField
        id="grant-reason"
        label="Reason (the approver reads it)"
        name="reason"
        required
        minLength={10}
        maxLength={500}
        rows={2}
        error={fieldError(state, "reason")}
      />
      <SubmitButton pending={pending} pendingLabel="Proposing…" size="sm">
        Propose change
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
