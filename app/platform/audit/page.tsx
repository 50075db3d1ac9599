import type { Metadata } from "next";
import { listPlatformAuditEvents } from "@/lib/people/audit-log";
import { Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { AuditFilters, AuditTable } from "@/app/_components/audit-table";
import { PlatformPage, platformList, type SearchParamsProps } from "../platform-page";

export const metadata: Metadata = { title: "Platform audit log" };
const KEYS = ["person", "actor", "action", "municipality", "from", "to", "page"] as const;

export default async function PlatformAuditPage({ searchParams }: SearchParamsProps) {
  const { q, listed } = await platformList(searchParams, KEYS, listPlatformAuditEvents);
  if (!listed.ok) return <InvalidQuery message={listed.invalid} />;
  const log = listed.value;
  return (
    <PlatformPage current="audit" title="Audit log: every municipality">
      <AuditFilters q={q} extra={[["municipality", "Municipality (web address)"]]} />
      {log.rows.length === 0 ? <Empty>No events match.</Empty> : <AuditTable rows={log.rows} />}
      <Pager list={log} params={q} noun="events" />
    </PlatformPage>
  );
}
