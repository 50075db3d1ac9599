import type { Metadata } from "next";
import { requirePlatformPage, orInvalid } from "@/lib/pages/scope";
import { listPlatformAuditEvents } from "@/lib/people/audit-log";
import { firstValues } from "@/lib/http/search-params";
import { Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { AuditFilters, AuditTable } from "@/app/_components/audit-table";
import { PlatformNav } from "../platform-nav";

export const metadata: Metadata = { title: "Platform audit log" };
const KEYS = ["person", "actor", "action", "municipality", "from", "to", "page"] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PlatformAuditPage({ searchParams }: Props) {
  const q = firstValues(await searchParams, KEYS);
  const { viewer } = await requirePlatformPage();
  const listed = await orInvalid(listPlatformAuditEvents(viewer, q));
  if (!listed.ok) return <InvalidQuery message={listed.invalid} />;
  const log = listed.value;
  return (
    <div className="space-y-6">
      <PlatformNav current="audit" />
      <h1 className="text-2xl font-semibold text-brand-900">Audit log: every municipality</h1>
      <AuditFilters q={q} extra={[["municipality", "Municipality (web address)"]]} />
      {log.rows.length === 0 ? <Empty>No events match.</Empty> : <AuditTable rows={log.rows} />}
      <Pager list={log} params={q} noun="events" />
    </div>
  );
}
