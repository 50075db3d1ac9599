// The access fields the invitation form and the change-access form share: a department choice
// and the category restrictions. `input` is `{ name }` for a server-action form or
// `register(name)` for react-hook-form.
import type { ComponentProps } from "react";
import { CheckboxGroup, SelectField } from "@/app/_components/form-field";
import { CATEGORY_OPTIONS } from "./categories";

export function DepartmentField({
  id,
  label,
  departments,
  input,
}: {
  id: string;
  label: string;
  departments: { id: string; name: string }[];
  input: ComponentProps<"select">;
}) {
  return (
    <SelectField id={id} label={label} {...input} options={departments.map((d) => ({ value: d.id, label: d.name }))}>
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
