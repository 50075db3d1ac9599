"use client";

// A one-button form for a consequential server action that asks first (./confirm-dialog.tsx); an
// optional note field is sent along.
import { useId } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { ActionOutcome } from "./form-alert";
import { KeptForm } from "./kept-form";
import { useFormAction } from "./use-form-action";
import { ConfirmDialog, useConfirmFirst } from "./confirm-dialog";

export type ConfirmStep = {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  submitLabel: string;
  pendingLabel: string;
  /** The dialog's question and what it explains. */
  title: string;
  body: string;
  tone?: "danger" | "brand";
  note?: { label: string };
  /** A text the person types to confirm (the server compares it), sent as `confirm`. */
  typed?: { label: string };
};

export function ConfirmActionForm({ hidden, ...step }: ConfirmStep & { hidden: Record<string, string> }) {
  const { action, submitLabel, pendingLabel, title, body, tone = "brand", note, typed } = step;
  const { state, form, pending } = useFormAction(action);
  const id = useId();
  const { asking, dialogRef, confirm } = useConfirmFirst();
  const dialog = { id, dialogRef, onConfirm: confirm, title, confirmLabel: submitLabel, tone };
  // The optional note, and the text typed to confirm (the server compares it).
  const fields = [
    ...(note ? [{ name: "note", label: note.label, maxLength: 500 }] : []),
    ...(typed
      ? [{ name: "confirm", label: typed.label, required: true, autoComplete: "off", autoCapitalize: "none" }]
      : []),
  ];
  return (
    <KeptForm {...asking} form={form} state={state} aria-label={submitLabel} className="space-y-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {fields.map((f) => (
        <TextField key={f.name} id={`${id}-${f.name}`} {...f} error={fieldError(state, f.name)} />
      ))}
      <SubmitButton pending={pending} pendingLabel={pendingLabel} size="sm" tone={tone}>
        {submitLabel}
      </SubmitButton>
      <ConfirmDialog {...dialog}>{body}</ConfirmDialog>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
