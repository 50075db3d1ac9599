// A field the viewed person may not read, during view-as (lib/auth/view-as.ts): a placeholder, and
// the rule that hides it (lib/people/explain.ts hiddenFieldReasons) one keypress away.
export function HiddenField({ why }: { why?: string }) {
  return (
    <details className="text-xs" data-hidden-field>
      <summary className="cursor-pointer rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">Hidden</summary>
      <p className="mt-1 max-w-xs text-slate-600">{why ?? "No rule of theirs shows this field."}</p>
    </details>
  );
}

/** The fields of a page that are hidden from the viewed person altogether (no column, no line), with why. */
export function HiddenFieldsNote({
  name,
  fields,
}: {
  name: string;
  fields: { field: string; label: string; why?: string }[];
}) {
  if (fields.length === 0) return null;
  return (
    <section aria-labelledby="hidden-fields-h" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm">
      <h2 id="hidden-fields-h" className="font-semibold">
        Hidden from {name} here
      </h2>
      <ul className="mt-2 space-y-1">
        {fields.map((f) => (
          <li key={f.field} data-hidden-column={f.field}>
            <span className="font-medium">{f.label}</span>: {f.why ?? "No rule of theirs shows this field."}
          </li>
        ))}
      </ul>
    </section>
  );
}
