import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orNotFound } from "@/lib/pages/scope";
import { getAuditEvent } from "@/lib/data/audit-log";
import { AdminNav } from "../../admin-nav";
import { AuditEventView } from "@/app/_components/audit-table";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";

export const metadata: Metadata = { title: "Audit event" };

/** One event of the municipality's log; an event outside the viewer's reach is "not found". */
export default async function AuditEventPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const detail = await orNotFound(getAuditEvent(viewer, muni.id, id));
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="audit" />
      <Breadcrumbs trail={[[`/admin/${slug}/audit`, "Audit log"]]} current={`Event ${detail.chain.seq}`} />
      <h1 className="text-2xl font-semibold text-brand-900">Audit event {detail.chain.seq}</h1>
      <AuditEventView detail={detail} base={`/admin/${slug}/audit`} />
    </div>
  );
}
