"use client";

import type { ActionResult } from "@/lib/action-result";
import { fieldError, refusalMessage, SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { explainAction } from "./actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { ActionErrorSummary } from "@/app/_components/error-summary";

const ACTIONS = ["read", "create", "update", "delete", "export"];
const SUBJECTS = ["ServiceRequest", "HeritageSite", "Document", "Statistics"];

export function ExplainForm({ slug }: { slug: string }) {
  const { state, form, pending } = useFormAction<ActionResult<{ text: string; allowed: boolean }>>(explainAction);
  const cls = "rounded-md border border-slate-300 px-3 py-1.5";
  return (
    <form action={form.action} onSubmit={form.onSubmit} className="space-y-3" aria-label="Explain a decision">
      <ActionErrorSummary state={state} />
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
        <SelectField id="ex-action" label="Action" name="action" className={cls} error={fieldError(state, "action")}>
          {ACTIONS.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </SelectField>
        <SelectField
          id="ex-subject"
          label="Record type"
          name="subject"
          className={cls}
          error={fieldError(state, "subject")}
        >
          {SUBJECTS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </SelectField>
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
    </form>
  );
}
