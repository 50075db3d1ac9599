// The filter bar of a record list, from the record type's list filters: a search box, then a
// select per filter that has options (enum values or fixed choices), in the registry's order.
import type { RecordTypeDef } from "@/lib/records";
import type { Filter } from "@/app/_components/filter-bar";

/**
 * `unused`: values of the type's deciding field the municipality does not use (left out of its
 * filter). `choices`: the options of filters that come from the municipality (FilterDef.choices);
 * such a filter is left out when it has none.
 */
export function filterBarOf(
  def: RecordTypeDef,
  names: readonly string[],
  extra: Filter[] = [],
  unused: readonly string[] = [],
  choices: Partial<Record<string, readonly (readonly [string, string])[]>> = {},
): Filter[] {
  const selects: Filter[] = [];
  for (const name of names) {
    const f = def.list.filters[name];
    if (f?.choices) {
      const options = choices[f.choices];
      if (options?.length)
        selects.push({
          kind: "select",
          name,
          label: f.label,
          options,
          ...(f.anyLabel ? { anyLabel: f.anyLabel } : {}),
        });
      continue;
    }
    if (!f?.options) continue;
    const all = Array.isArray(f.options) ? f.options : Object.values(f.options);
    const options = name === def.variant.field ? all.filter((o) => !unused.includes(String(o))) : all;
    selects.push({ kind: "select", name, label: f.label, options, ...(f.anyLabel ? { anyLabel: f.anyLabel } : {}) });
  }
  return [
    { kind: "search", name: "q", label: "Search", placeholder: def.list.search.placeholder },
    ...selects,
    ...extra,
  ];
}
