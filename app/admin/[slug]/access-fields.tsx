// The access fields the invitation form and the change-access form share: the groups (each with
// its label and description from its policy file and what it "will be able to" do, generated from
// the rules by lib/policy/summary.ts), a department choice and the category restrictions. `input`
// is `{ name }` for a server-action form or `register(name)` for react-hook-form.
import type { ComponentProps } from "react";
import type { GroupChoice } from "@/lib/policy/summary";
import { CheckboxGroup, FieldError, SelectField } from "@/app/_components/form-field";
import { DeprecatedBadge } from "@/app/_components/deprecated-badge";
import { CATEGORY_OPTIONS } from "./categories";

/** What the invitation forms offer: the groups the admin may grant and the departments in use. */
export type InviteChoices = { slug: string; groups: GroupChoice[]; departments: { id: string; name: string }[] };

export function DepartmentField({
  id,
  label,
  departments,
  input,
  error,
}: {
  id: string;
  label: string;
  departments: { id: string; name: string }[];
  input: ComponentProps<"select">;
  error?: string;
}) {
  return (
    <SelectField
      id={id}
      label={label}
      {...input}
      error={error}
      options={departments.map((d) => ({ value: d.id, label: d.name }))}
    >
      <option value="">None</option>
    </SelectField>
  );
}

export function CategoryRestrictions({ id, input }: { id: string; input: ComponentProps<"input"> }) {
  return (
    <CheckboxGroup
      id={id}
      legend="Category restrictions (none = all categories)"
      options={CATEGORY_OPTIONS}
      input={input}
    />
  );
}

/**
 * One checkbox per group: its label is the checkbox's name; the description and the generated
 * "will be able to …" summary describe it. `disabled`: held but not grantable by this admin, or
 * deprecated and not held (a deprecated group is marked with its reason either way).
 */
export function GroupPicker({
  id,
  choices,
  input,
  error,
  disabled = [],
}: {
  id: string;
  choices: GroupChoice[];
  input: ComponentProps<"input">;
  error?: string;
  disabled?: string[];
}) {
  return (
    <fieldset id={id} className="space-y-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium">Groups</legend>
      <ul className="space-y-2">
        {choices.map((g) => (
          <li key={g.name} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              id={`${id}-${g.name}`}
              value={g.name}
              disabled={disabled.includes(g.name)}
              aria-describedby={`${id}-${g.name}-about`}
              className="mt-1 h-4 w-4 shrink-0"
              {...input}
            />
            <div>
              <label htmlFor={`${id}-${g.name}`} className="font-medium">
                {g.label}
              </label>
              {g.deprecated && (
                <>
                  {" "}
                  <DeprecatedBadge />
                </>
              )}
              <p id={`${id}-${g.name}-about`} className="text-slate-600">
                {g.deprecated && (
                  <span className="block text-amber-900">
                    {disabled.includes(g.name)
                      ? `Not given to anyone new: ${g.deprecated}`
                      : `Deprecated: ${g.deprecated} Kept while held; once removed it cannot be given back.`}
                  </span>
                )}
                {g.description && <span className="block">{g.description}</span>}
                <span className="block text-xs text-slate-500">Will be able to {g.summary}.</span>
              </p>
            </div>
          </li>
        ))}
      </ul>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
