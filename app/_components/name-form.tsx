"use client";

// One name for one thing of a municipality's named lists (a department, a request tag): the form
// that adds a new one or renames one, which keeps what was typed whatever the answer.
import { useId, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "./form-field";
import { FieldForm } from "./field-form";

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
  // Controlled, so the name typed stays after the answer (a new one's form is emptied on success).
  const [name, setName] = useState(current);
  const id = useId();
  return (
    <FieldForm action={action} hidden={hidden} label={text.form} submit={text.submit}>
      {(state) => (
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
      )}
    </FieldForm>
  );
}
