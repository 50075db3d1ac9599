import type { Metadata } from "next";
import { orNotFound, requirePlatformPage } from "@/lib/pages/scope";
import { getPlatformAuditEvent } from "@/lib/data/audit-log";
import { AuditEventView } from "@/app/_components/audit-table";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { PlatformPage } from "../../platform-page";

export const metadata: Metadata = { title: "Audit event" };

/** One event of the platform log; an event outside the viewer's reach is "not found". */
export default async function PlatformAuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer } = await requirePlatformPage();
  const detail = await orNotFound(getPlatformAuditEvent(viewer, id));
  return (
    <PlatformPage
      current="audit"
      title={`Audit event ${detail.chain.seq}`}
      before={<Breadcrumbs trail={[["/platform/audit", "Audit log"]]} current={`Event ${detail.chain.seq}`} />}
    >
      <AuditEventView detail={detail} base="/platform/audit" />
    </PlatformPage>
  );
}
