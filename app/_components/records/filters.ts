// The filter bar of a record list, from the record type's list filters: a search box, then a
// select per filter that has options (enum values or fixed choices), in the registry's order.
import type { RecordTypeDef } from "@/lib/records";
import type { Filter } from "@/app/_components/filter-bar";

export function filterBarOf(def: RecordTypeDef, names: readonly string[], extra: Filter[] = []): Filter[] {
  const selects: Filter[] = [];
  for (const name of names) {
    const f = def.list.filters[name];
    if (!f?.options) continue;
    const options = Array.isArray(f.options) ? f.options : Object.values(f.options);
    selects.push({ kind: "select", name, label: f.label, options, ...(f.anyLabel ? { anyLabel: f.anyLabel } : {}) });
  }
  return [
    { kind: "search", name: "q", label: "Search", placeholder: def.list.search.placeholder },
    ...selects,
    ...extra,
  ];
}
