import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orInvalid } from "@/lib/pages/scope";
import { listAuditEvents } from "@/lib/people/audit-log";
import { firstValues } from "@/lib/http/search-params";
import { Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { AdminNav } from "../admin-nav";
import { AuditFilters, AuditTable } from "@/app/_components/audit-table";

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
      <AuditFilters q={q} />
      {log.rows.length === 0 ? <Empty>No events match.</Empty> : <AuditTable rows={log.rows} />}
      <Pager list={log} params={q} noun="events" />
    </div>
  );
}
