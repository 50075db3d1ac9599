"use client";

// One name for one thing of a municipality's named lists (a department, a request tag): the form
// that adds a new one or renames one, which keeps what was typed whatever the answer.
import { useId, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { ActionOutcome } from "./form-alert";
import { useFormAction } from "./use-form-action";
import { KeptForm } from "./kept-form";

export type NameFormText = { form: string; label: string; submit: string };

export function NameForm({
  action,
  hidden,
  field,
  maxLength,
  text,
  current = "",
}: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  hidden: Record<string, string>;
  /** The name's field in the action's input (and its field errors). */
  field: string;
  maxLength: number;
  text: NameFormText;
  current?: string;
}) {
  const { state, form, pending } = useFormAction<ActionResult>(action);
  // Controlled, so the name typed stays after the answer (React resets uncontrolled form fields).
  const [name, setName] = useState(current);
  const id = useId();
  return (
    <KeptForm form={form} state={state} className="space-y-2" aria-label={text.form}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextField
        id={`${id}-name`}
        label={text.label}
        name={field}
        required
        maxLength={maxLength}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldError(state, field)}
      />
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
        {text.submit}
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
