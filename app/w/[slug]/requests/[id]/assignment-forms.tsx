"use client";

// The assignee and tag pickers of a request page: each a small form that keeps what was chosen
// whatever the answer (controlled fields), with the refusal beside its field.
import { useId, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { FieldError, fieldError, SelectField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";
import { assignServiceRequestAction, tagServiceRequestAction } from "./actions";

type Hidden = Record<string, string>;
type Choice = { id: string; label: string };

function HiddenFields({ hidden }: { hidden: Hidden }) {
  return Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
}

export function AssigneeForm({ hidden, choices, current }: { hidden: Hidden; choices: Choice[]; current: string }) {
  const { state, form, pending } = useFormAction<ActionResult>(assignServiceRequestAction, { keep: true });
  const [value, setValue] = useState(current);
  const id = useId();
  return (
    <KeptForm form={form} state={state} className="space-y-2" aria-label="Assign the request">
      <HiddenFields hidden={hidden} />
      <SelectField
        id={`${id}-assignee`}
        name="assigneeId"
        label="Assigned to"
        hint="Only people who may work on this request are offered."
        value={value}
        onChange={(e) => setValue(e.target.value)}
        options={choices.map((c) => ({ value: c.id, label: c.label }))}
        error={fieldError(state, "assigneeId")}
      >
        <option value="">Unassigned</option>
      </SelectField>
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
        Save assignment
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}

export function TagsForm({ hidden, tags, current }: { hidden: Hidden; tags: Choice[]; current: string[] }) {
  const { state, form, pending } = useFormAction<ActionResult>(tagServiceRequestAction, { keep: true });
  const [chosen, setChosen] = useState(new Set(current));
  const id = useId();
  const error = fieldError(state, "tags");
  const toggle = (tag: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(tag);
      else next.delete(tag);
      return next;
    });
  return (
    <KeptForm form={form} state={state} className="space-y-2" aria-label="Tag the request">
      <HiddenFields hidden={hidden} />
      <fieldset id={`${id}-tags`} aria-describedby={error ? `${id}-tags-error` : undefined} className="space-y-1">
        <legend className="text-sm font-medium">Tags</legend>
        {tags.length === 0 ? (
          <p className="text-sm text-slate-600">This municipality has no tags yet.</p>
        ) : (
          <div className="flex flex-wrap gap-3">
            {tags.map((t) => (
              <label key={t.id} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  name="tags"
                  value={t.id}
                  checked={chosen.has(t.id)}
                  onChange={(e) => toggle(t.id, e.target.checked)}
                />{" "}
                {t.label}
              </label>
            ))}
          </div>
        )}
        <FieldError id={`${id}-tags`} error={error} />
      </fieldset>
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
        Save tags
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
