import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orNotFound } from "@/lib/pages/scope";
import { auditPage, AUDIT_KEYS } from "@/lib/data/audit-log";
import { firstValues } from "@/lib/http/search-params";
import { AdminNav } from "../admin-nav";
import { AuditLogView, exportHref } from "@/app/_components/audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const q = firstValues(await searchParams, AUDIT_KEYS);
  const { viewer, muni } = await requireAdminPage(slug);
  const data = await orNotFound(auditPage(viewer, muni.id, q));
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="audit" />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold text-brand-900">Audit log</h1>
        {data.ok && (
          <a
            href={exportHref(`/admin/${slug}/audit/export`, q)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          >
            Export these {data.total} events (CSV)
          </a>
        )}
      </div>
      <AuditLogView data={data} q={q} resetHref={`/admin/${slug}/audit`} />
    </div>
  );
}
