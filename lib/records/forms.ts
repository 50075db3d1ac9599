// Form and detail specs of a record type, as plain data for the pages' components: the fields
// a form shows (only those the person may write, from lib/data's capabilities), with labels,
// input kinds, options and whether they are required; the order of a detail page.
import type { FieldDef, InputKind, RecordTypeDef } from "./define";
import { writableFields } from "./define";
import { enumOptions, fieldLabel } from "./labels";

export type FormField = {
  name: string;
  label: string;
  type: InputKind | "hidden";
  options?: { value: string; label: string }[];
  hint?: string;
  required?: boolean;
};

type AnyDef = RecordTypeDef;

/**
 * The form fields of `mode`, limited to `writable` (what the policies let this person write
 * here). `variants` narrows the deciding field's options (an operator's categories);
 * `departments` fills a department select.
 */
export function formFields(
  def: AnyDef,
  mode: "create" | "update",
  writable: readonly string[],
  extra: { variants?: string[]; departments?: { id: string; name: string }[] } = {},
): FormField[] {
  const fields = def.fields as Record<string, FieldDef>;
  const out: FormField[] = [];
  for (const [name, w] of writableFields(def, mode)) {
    const f = fields[name]!;
    if (f.form === false || !f.input || !writable.includes(name)) continue;
    let options =
      f.options === "departments"
        ? (extra.departments ?? []).map((d) => ({ value: d.id, label: d.name }))
        : f.options
          ? enumOptions(f.options)
          : undefined;
    if (options && name === def.variant.field && extra.variants)
      options = options.filter((o) => extra.variants!.includes(o.value));
    out.push({
      name,
      label: f.formLabel ?? f.label,
      type: f.input,
      ...(options ? { options } : {}),
      ...(f.hint ? { hint: f.hint } : {}),
      ...(w.required ? { required: true } : {}),
    });
  }
  return out;
}

/** Multi-line fields keep their line breaks on a detail page. */
export function isLongField(def: AnyDef, field: string): boolean {
  return (def.fields as Record<string, FieldDef | undefined>)[field]?.input === "textarea";
}

const NOT_SHOWN = new Set(["id", "municipalityId"]);

/**
 * A detail page's fields: every field present on the record (lib/data left only what the viewer
 * may read), in the type's detail order, then any others, each with its label.
 */
export function detailFields(
  def: AnyDef,
  record: Record<string, unknown>,
): { name: string; label: string; long: boolean }[] {
  const order = def.detail.order;
  const names = [...order.filter((f) => f in record), ...Object.keys(record).filter((f) => !order.includes(f))].filter(
    (f) => !NOT_SHOWN.has(f) && !def.detail.retired?.includes(f),
  );
  const fields = def.fields as Record<string, FieldDef | undefined>;
  return names.map((name) => ({ name, label: fields[name]?.label ?? fieldLabel(name), long: isLongField(def, name) }));
}
