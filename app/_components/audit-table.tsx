// The audit log as both consoles show it (a municipality's /admin/<slug>/audit and the platform's
// /platform/audit): the filter form and the table of events lib/people/audit-log.ts returns.
import type { AuditRow } from "@/lib/people/audit-log";
import { SimpleTable } from "./simple-table";
import { TextField } from "./form-field";

const FILTER = "rounded-md border border-slate-300 px-3 py-1.5";
const TEXT_FILTERS = [
  ["person", "Person (email or name)"],
  ["actor", "Done by"],
  ["action", "Action starts with"],
] as const;

/** The GET form of the log's filters; `extra` adds text filters after the shared ones. */
export function AuditFilters({
  q,
  extra = [],
}: {
  q: Record<string, string | undefined>;
  extra?: readonly (readonly [name: string, label: string])[];
}) {
  return (
    <form method="get" role="search" aria-label="Filter audit log" className="flex flex-wrap items-end gap-3">
      {[...TEXT_FILTERS, ...extra].map(([k, l]) => (
        <TextField key={k} id={k} label={l} name={k} defaultValue={q[k]} className={FILTER} />
      ))}
      <TextField id="from" label="From" name="from" type="date" defaultValue={q.from} className={FILTER} />
      <TextField id="to" label="To" name="to" type="date" defaultValue={q.to} className={FILTER} />
      <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Filter</button>
    </form>
  );
}

/** The events; with `municipality`, a column naming each event's municipality ("platform" for account-level ones). */
export function AuditTable({ rows }: { rows: (AuditRow & { municipality?: string | null })[] }) {
  const withMunicipality = rows.some((e) => "municipality" in e);
  return (
    <SimpleTable
      caption="Audit events"
      headers={["#", "When (UTC)", "Action", ...(withMunicipality ? ["Municipality"] : []), "By", "Person", "Details"]}
    >
      {rows.map((e) => (
        <tr key={e.seq} className="border-t border-slate-100 align-top">
          <td className="px-3 py-2 tabular-nums">{e.seq}</td>
          <td className="px-3 py-2 whitespace-nowrap">
            {e.at ? e.at.toISOString().slice(0, 19).replace("T", " ") : "—"}
          </td>
          <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
          {withMunicipality && <td className="px-3 py-2">{e.municipality ?? "platform"}</td>}
          <td className="px-3 py-2">{e.actor}</td>
          <td className="px-3 py-2">{e.subject ?? "—"}</td>
          <td className="max-w-md truncate px-3 py-2 font-mono text-xs" title={e.data ?? undefined}>
            {e.data ?? "—"}
          </td>
        </tr>
      ))}
    </SimpleTable>
  );
}
