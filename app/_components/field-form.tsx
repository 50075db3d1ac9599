"use client";

// A small form of one or two fields for one server action (a name, an assignee, a set of tags):
// the hidden fields that say what it acts on, the fields themselves (given the action's last
// answer, for their messages), a submit button with its pending state, and the answer below.
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { SubmitButton } from "./submit-button";
import { ActionOutcome } from "./form-alert";
import { useFormAction } from "./use-form-action";
import { KeptForm } from "./kept-form";

export function FieldForm({
  action,
  hidden,
  label,
  submit,
  keep = false,
  children,
}: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  hidden: Record<string, string>;
  /** The form's accessible name. */
  label: string;
  submit: string;
  /** Keep the fields after a success too (a choice that stays shown), not only after a refusal. */
  keep?: boolean;
  children: (state: ActionResult | null) => ReactNode;
}) {
  const { state, form, pending } = useFormAction<ActionResult>(action, { keep });
  return (
    <KeptForm form={form} state={state} className="space-y-2" aria-label={label}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children(state)}
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
        {submit}
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
