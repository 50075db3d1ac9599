"use client";
// The timeline's form: only what the viewer may write — the status (with its optional reason,
// which the public reads in the status history) when they may change it, and the kinds of entry
// their policy lets them write. Keeps what was typed after a refusal (KeptForm).
import type { ActionResult } from "@/lib/action-result";
import { AUTHORED_KIND_WORDS } from "@/lib/records/timeline-words";
import { fieldError, refusalMessage, SelectField, TextareaField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { KeptForm } from "@/app/_components/kept-form";
import { useFormAction } from "@/app/_components/use-form-action";
import { workOnServiceRequestAction } from "./actions";

type Kind = keyof typeof AUTHORED_KIND_WORDS;

export function TimelineForm({
  id,
  slug,
  expectedUpdatedAt,
  status,
  kinds,
}: {
  id: string;
  slug: string;
  expectedUpdatedAt: string;
  /** The current status and the choices, when the viewer may change it. */
  status: { current: string; options: { value: string; label: string }[] } | null;
  kinds: Kind[];
}) {
  const { state, form, pending } = useFormAction<ActionResult>(workOnServiceRequestAction);
  return (
    <KeptForm form={form} state={state} className="space-y-4" aria-label="Add to the timeline">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="expectedUpdatedAt" value={expectedUpdatedAt} />
      {status && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">Status</legend>
          <SelectField
            id="tl-status"
            name="status"
            label="New status"
            defaultValue={status.current}
            options={status.options}
            error={fieldError(state, "status")}
          />
          <TextField
            id="tl-reason"
            name="reason"
            label="Reason for the change (optional)"
            hint="Shown to the public with the status history of this request."
            maxLength={500}
            error={fieldError(state, "reason")}
          />
        </fieldset>
      )}
      {kinds.length > 0 && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">Note or comment</legend>
          <div className="space-y-2">
            {kinds.map((k, i) => (
              <label key={k} className="flex items-start gap-2 text-sm">
                <input type="radio" name="kind" value={k} defaultChecked={i === 0} className="mt-1" />
                <span>
                  <span className="font-medium">{AUTHORED_KIND_WORDS[k].label}</span>
                  <span className="block text-xs text-slate-600">{AUTHORED_KIND_WORDS[k].hint}</span>
                </span>
              </label>
            ))}
            {fieldError(state, "kind") && (
              <p id="tl-kind-error" className="text-sm text-red-700">
                {fieldError(state, "kind")}
              </p>
            )}
          </div>
          <TextareaField
            id="tl-body"
            name="body"
            label="Text"
            rows={4}
            maxLength={5000}
            error={fieldError(state, "body")}
          />
        </fieldset>
      )}
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save to the timeline
      </SubmitButton>
      <FormAlert message={refusalMessage(state)} />
      {state?.ok && (
        <p role="status" className="text-sm text-green-800">
          {state.message}
        </p>
      )}
    </KeptForm>
  );
}
