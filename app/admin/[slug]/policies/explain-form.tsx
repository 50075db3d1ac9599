"use client";

import type { ActionResult } from "@/lib/action-result";
import { fieldError, refusalMessage, SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { explainAction } from "./actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

const ACTIONS = ["read", "create", "update", "delete", "export"];
const SUBJECTS = ["ServiceRequest", "HeritageSite", "Document", "Statistics"];
/** The two choices of a question, each kept after every answer. */
const CHOICES = [
  { name: "action", label: "Action", options: ACTIONS },
  { name: "subject", label: "Record type", options: SUBJECTS },
];

export function ExplainForm({ slug }: { slug: string }) {
  const { state, form, pending } = useFormAction<ActionResult<{ text: string; allowed: boolean }>>(explainAction, {
    keep: true,
  });
  const cls = "rounded-md border border-slate-300 px-3 py-1.5";
  return (
    <KeptForm form={form} state={state} className="space-y-3" aria-label="Explain a decision">
      <input type="hidden" name="slug" value={slug} />
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          id="ex-email"
          label="Person (email)"
          name="email"
          type="email"
          required
          className={cls}
          error={fieldError(state, "email")}
        />
        {CHOICES.map((c) => (
          <SelectField
            key={c.name}
            id={`ex-${c.name}`}
            label={c.label}
            name={c.name}
            className={cls}
            error={fieldError(state, c.name)}
          >
            {c.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </SelectField>
        ))}
        <TextField
          id="ex-id"
          label="Record id (optional)"
          name="recordId"
          className={cls}
          error={fieldError(state, "recordId")}
        />
        <SubmitButton pending={pending} pendingLabel="Checking…" size="sm">
          Explain
        </SubmitButton>
      </div>
      <FormResult error={refusalMessage(state)}>
        {state?.ok && state.data && (
          <p role="status" className={state.data.allowed ? "text-green-800" : "text-red-800"}>
            {state.data.text}
          </p>
        )}
      </FormResult>
    </KeptForm>
  );
}
