"use client";

// Follow a report by its reference (the number on a neighbour's report, a notice, the public list):
// the municipality and the reference, posted to the same action as the Follow button. Keeps what
// was typed after a refusal; without JavaScript it posts to the same action.
import type { ActionResult } from "@/lib/action-result";
import { fieldError, refusalMessage, SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { KeptForm } from "@/app/_components/kept-form";
import { useFormAction } from "@/app/_components/use-form-action";
import { followRequestAction } from "./actions";

export function FollowByReference({ municipalities }: { municipalities: { slug: string; name: string }[] }) {
  const { state, form, pending } = useFormAction<ActionResult>(followRequestAction);
  return (
    <KeptForm form={form} state={state} className="space-y-3" aria-label="Follow a report by its reference">
      <div className="grid gap-3 sm:grid-cols-[minmax(10rem,1fr)_minmax(10rem,1fr)_auto] sm:items-end">
        <SelectField
          id="follow-slug"
          name="slug"
          label="Municipality"
          options={municipalities.map((m) => ({ value: m.slug, label: m.name }))}
          error={fieldError(state, "slug")}
        />
        <TextField
          id="follow-reference"
          name="reference"
          label="Reference"
          hint="As shown on the report, such as RIV-00045."
          autoComplete="off"
          error={fieldError(state, "reference")}
        />
        <div>
          <SubmitButton pending={pending} pendingLabel="Saving…">
            Follow
          </SubmitButton>
        </div>
      </div>
      <FormResult success={state?.ok ? state.message : undefined} error={refusalMessage(state)} />
    </KeptForm>
  );
}
