"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { explainAction } from "./actions";
import { subjectLabel } from "@/lib/policy/subject-labels";

const ACTIONS = ["read", "create", "update", "delete", "export"];
const SUBJECTS = ["ServiceRequest", "HeritageSite", "Document", "Statistics"] as const;

export function ExplainForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ text: string; allowed: boolean }> | null, FormData>(
    explainAction,
    null,
  );
  const cls = "rounded-md border border-slate-300 px-3 py-1.5";
  return (
    <form action={action} className="space-y-3" aria-label="Explain a decision">
      <input type="hidden" name="slug" value={slug} />
      <div className="flex flex-wrap items-end gap-3">
        <TextField id="ex-email" label="Person (email)" name="email" type="email" required className={cls} />
        <SelectField id="ex-action" label="Action" name="action" className={cls}>
          {ACTIONS.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </SelectField>
        <SelectField id="ex-subject" label="Record type" name="subject" className={cls}>
          {SUBJECTS.map((s) => (
            <option key={s} value={s}>
              {subjectLabel(s)}
            </option>
          ))}
        </SelectField>
        <TextField id="ex-id" label="Record id (optional)" name="recordId" className={cls} />
        <SubmitButton pending={pending} pendingLabel="Checking…" size="sm">
          Explain
        </SubmitButton>
      </div>
      <FormResult error={state && !state.ok ? state.formError : null}>
        {state?.ok && state.data && (
          <p role="status" className={state.data.allowed ? "text-green-800" : "text-red-800"}>
            {state.data.text}
          </p>
        )}
      </FormResult>
    </form>
  );
}
