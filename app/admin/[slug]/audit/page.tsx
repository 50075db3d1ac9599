import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orInvalid } from "@/lib/pages/scope";
import { listAuditEvents } from "@/lib/people/audit-log";
import { firstValues } from "@/lib/http/search-params";
import { Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { AdminNav } from "../admin-nav";
import { SimpleTable } from "@/app/_components/simple-table";
import { TextField } from "@/app/_components/form-field";

const FILTER = "rounded-md border border-slate-300 px-3 py-1.5";

export const metadata: Metadata = { title: "Audit log" };
const KEYS = ["person", "actor", "action", "from", "to", "page"] as const;

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const q = firstValues(await searchParams, KEYS);
  const { viewer, muni } = await requireAdminPage(slug);
  const listed = await orInvalid(listAuditEvents(viewer, muni.id, q));
  if (!listed.ok) return <InvalidQuery message={listed.invalid} />;
  const log = listed.value;
  const exportHref = `/admin/${slug}/audit/export?${new URLSearchParams(Object.fromEntries(Object.entries(q).filter(([k, v]) => v && k !== "page")) as Record<string, string>)}`;
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="audit" />
      <div className="flex items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold text-brand-900">Audit log</h1>
        <a href={exportHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
          Export CSV
        </a>
      </div>
      <form method="get" role="search" aria-label="Filter audit log" className="flex flex-wrap items-end gap-3">
        {(
          [
            ["person", "Person (email or name)"],
            ["actor", "Done by"],
            ["action", "Action starts with"],
          ] as const
        ).map(([k, l]) => (
          <TextField key={k} id={k} label={l} name={k} defaultValue={q[k]} className={FILTER} />
        ))}
        <TextField id="from" label="From" name="from" type="date" defaultValue={q.from} className={FILTER} />
        <TextField id="to" label="To" name="to" type="date" defaultValue={q.to} className={FILTER} />
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Filter</button>
      </form>
      {log.rows.length === 0 ? (
        <Empty>No events match.</Empty>
      ) : (
        <SimpleTable caption="Audit events" headers={["#", "When (UTC)", "Action", "By", "Person", "Details"]}>
          {log.rows.map((e) => (
            <tr key={e.seq} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 tabular-nums">{e.seq}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {e.at ? e.at.toISOString().slice(0, 19).replace("T", " ") : "—"}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-3 py-2">{e.actor}</td>
              <td className="px-3 py-2">{e.subject ?? "—"}</td>
              <td className="max-w-md truncate px-3 py-2 font-mono text-xs" title={e.data ?? undefined}>
                {e.data ?? "—"}
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <Pager list={log} params={q} noun="events" />
    </div>
  );
}
