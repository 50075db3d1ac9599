"use client";

// The assignee and tag pickers of a request page, each a small form of its own. The fields are
// left to the browser (defaultValue / defaultChecked): the form is never emptied, so what was
// chosen stays whatever the answer, and the refusal appears beside its field.
import { useId } from "react";
import { FieldError, fieldError, SelectField } from "@/app/_components/form-field";
import { FieldForm } from "@/app/_components/field-form";
import { assignServiceRequestAction, tagServiceRequestAction } from "./actions";

type Hidden = Record<string, string>;
type Choice = { id: string; label: string };

export function AssigneeForm({ hidden, choices, current }: { hidden: Hidden; choices: Choice[]; current: string }) {
  const id = useId();
  return (
    <FieldForm
      action={assignServiceRequestAction}
      hidden={hidden}
      label="Assign the request"
      submit="Save assignment"
      keep
    >
      {(state) => (
        <SelectField
          id={`${id}-assignee`}
          label="Assigned to"
          hint="Only people who may work on this request are offered."
          name="assigneeId"
          defaultValue={current}
          error={fieldError(state, "assigneeId")}
          options={choices.map((c) => ({ value: c.id, label: c.label }))}
        >
          <option value="">Unassigned</option>
        </SelectField>
      )}
    </FieldForm>
  );
}

export function TagsForm({ hidden, tags, current }: { hidden: Hidden; tags: Choice[]; current: string[] }) {
  const id = useId();
  return (
    <FieldForm action={tagServiceRequestAction} hidden={hidden} label="Tag the request" submit="Save tags" keep>
      {(state) => (
        <fieldset
          id={`${id}-tags`}
          aria-describedby={fieldError(state, "tags") ? `${id}-tags-error` : undefined}
          className="space-y-1"
        >
          <legend className="text-sm font-medium">Tags</legend>
          {tags.length === 0 && <p className="text-sm text-slate-600">This municipality has no tags yet.</p>}
          <div className="flex flex-wrap gap-3">
            {tags.map((t) => (
              <label key={t.id} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="tags" value={t.id} defaultChecked={current.includes(t.id)} /> {t.label}
              </label>
            ))}
          </div>
          <FieldError id={`${id}-tags`} error={fieldError(state, "tags")} />
        </fieldset>
      )}
    </FieldForm>
  );
}
