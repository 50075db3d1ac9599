// A bulk batch's rows: the preview (what will happen) and the report after sending (what did).
// Plain component, rendered by the form right after an action and by the page for past batches.
import type { BulkBatch, BulkRowPlan } from "@/lib/flows/bulk-invite";
import { SimpleTable } from "@/app/_components/simple-table";
import { StatusBadge } from "@/app/_components/badge";

/** "As Operator, Viewer in Public Works; categories Roads, Waste". */
function planText(r: BulkRowPlan): string {
  const where = r.department ? ` in ${r.department}` : "";
  const cats = r.categories.length ? `; categories ${r.categories.join(", ")}` : "";
  return `As ${r.groups.join(", ")}${where}${cats}.`;
}

export function BulkRows({
  caption,
  rows,
}: {
  caption: string;
  rows: (Pick<BulkRowPlan, "line" | "email" | "reason"> & { outcome: string; plan?: BulkRowPlan })[];
}) {
  return (
    <SimpleTable caption={caption} headers={["Line", "Email", "Result", "What happens / why"]}>
      {rows.map((r) => (
        <tr key={r.line} className="border-t border-slate-100 align-top">
          <td className="px-3 py-2">{r.line}</td>
          <td className="break-all px-3 py-2">{r.email || "—"}</td>
          <td className="px-3 py-2">
            <StatusBadge kind="bulk" value={r.outcome} />
          </td>
          <td className="px-3 py-2">{r.reason ?? (r.plan ? planText(r.plan) : "Invitation sent.")}</td>
        </tr>
      ))}
    </SimpleTable>
  );
}

export function previewRows(rows: BulkRowPlan[]) {
  return rows.map((r) => ({ ...r, plan: r }));
}

/** Past batches of this municipality with their reports (folded; the newest open). */
export function PastBatches({ batches }: { batches: BulkBatch[] }) {
  if (batches.length === 0) return null;
  return (
    <div className="space-y-2">
      <h3 className="font-medium">Last CSV batches</h3>
      {batches.map((b, i) => {
        const when = b.at.toISOString().slice(0, 16).replace("T", " ");
        return (
          <details key={when + i} open={i === 0} className="rounded-md border border-slate-200 p-2 text-sm">
            <summary className="cursor-pointer">
              {when} UTC by {b.by}: {b.invited} invited, {b.refused} refused
            </summary>
            <div className="mt-2">
              <BulkRows caption={`Report of the batch sent ${when} UTC`} rows={b.rows} />
            </div>
          </details>
        );
      })}
    </div>
  );
}
