// Export is its own action in the policies (operators and managers may export, viewers only
// read). A CSV holds rows the viewer may both read and export, with exactly the fields they may
// read on each row. Rows come from the ordinary list functions (same filters as the page); this
// module narrows them to the export scope in the database, by id, so a condition on a column
// the viewer cannot read is still evaluated on the real row.
import "server-only";
import { accessibleBy } from "@/lib/policy/casl";
import type { RecordModel } from "@/lib/records";
import { delegateOf } from "./scoped-records";
import type { Viewer } from "@/lib/identity/viewer";

/** Whether any rule lets the viewer export this record type in this municipality (for the button). */
export function canExportIn(viewer: Viewer, model: RecordModel, municipalityId: string): boolean {
  return viewer.ability.rulesFor("export", model).some((r) => {
    if (r.inverted) return false;
    const c = r.conditions as { municipalityId?: unknown } | undefined;
    return !c || c.municipalityId === undefined || c.municipalityId === municipalityId;
  });
}

/** Keeps the rows (in their order) whose record the viewer may export. */
export async function keepExportable<T extends { id: string }>(
  viewer: Viewer,
  model: RecordModel,
  rows: T[],
): Promise<T[]> {
  if (rows.length === 0) return rows;
  const allowed = (await delegateOf(model).findMany({
    where: { AND: [accessibleBy(viewer.ability, "export").ofType(model), { id: { in: rows.map((r) => r.id) } }] },
    select: { id: true },
  })) as { id: string }[];
  const ok = new Set(allowed.map((a) => String(a.id)));
  return rows.filter((r) => ok.has(r.id));
}
