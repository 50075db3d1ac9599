import type { Metadata } from "next";
import { auditPage, PLATFORM_AUDIT_KEYS } from "@/lib/data/audit-log";
import { orNotFound, requirePlatformPage } from "@/lib/pages/scope";
import { firstValues } from "@/lib/http/search-params";
import { AuditLogView, exportHref } from "@/app/_components/audit-table";
import { PlatformPage, type SearchParamsProps } from "../platform-page";

export const metadata: Metadata = { title: "Platform audit log" };

export default async function PlatformAuditPage({ searchParams }: SearchParamsProps) {
  const q = firstValues(await searchParams, PLATFORM_AUDIT_KEYS);
  const { viewer } = await requirePlatformPage();
  const data = await orNotFound(auditPage(viewer, null, q));
  return (
    <PlatformPage
      current="audit"
      title="Audit log: every municipality"
      action={
        data.ok && (
          <a
            href={exportHref("/platform/audit/export", q)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          >
            Export these {data.total} events (CSV)
          </a>
        )
      }
    >
      <AuditLogView data={data} q={q} resetHref="/platform/audit" />
    </PlatformPage>
  );
}
