import type { Metadata } from "next";
import { listServiceRequests, serviceRequestListQuery } from "@/lib/data/service-requests";
import { parseListParams, REQUEST_LIST_KEYS, type RawParams } from "@/lib/http/list-params";
import { ServiceCategory, ServiceRequestStatus } from "@/lib/schemas/enums";
import { Empty, Pager } from "@/app/_components/pager";
import { DataTable, type Column } from "@/app/_components/data-table";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";
import { portalMunicipality, publicViewer } from "../portal";

export const metadata: Metadata = { title: "Reported problems" };

// The public group's limited view: reference, category, title, status, area and dates. No
// reporter, no address, no coordinates — lib/data never hands those to this page.
const COLUMNS: Column[] = [
  { field: "reference", sort: "reference", mono: true },
  { field: "title", label: "Problem", sort: "title" },
  { field: "category", sort: "category" },
  { field: "area", label: "Area" },
  { field: "status", sort: "status" },
  { field: "createdAt", label: "Reported", sort: "createdAt" },
  { field: "resolvedAt", label: "Resolved" },
];

export default async function PublicRequestsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> }) {
  const m = await portalMunicipality((await params).slug);
  const parsed = parseListParams(serviceRequestListQuery, await searchParams, REQUEST_LIST_KEYS, { municipalityId: m.id, pageSize: 25 });
  const page = parsed.ok ? await listServiceRequests(await publicViewer(), parsed.query) : null;
  const base = `/m/${m.slug}/requests`;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">{m.name}</p>
        <h1 className="text-2xl font-semibold text-brand-900">Reported problems</h1>
        <p className="text-slate-600">Reports are shown by area only; reporters&apos; details and exact locations stay with the municipality.</p>
      </header>
      <FilterBar
        ariaLabel="Filter reported problems" resetHref={base} values={parsed.values} keep={{ sort: parsed.values.sort, dir: parsed.values.dir }}
        filters={[
          { kind: "search", name: "q", label: "Search", placeholder: "Title, reference or area" },
          { kind: "select", name: "category", label: "Category", options: Object.values(ServiceCategory) },
          { kind: "select", name: "status", label: "Status", options: Object.values(ServiceRequestStatus) },
          ...(m.districts.length > 0 ? [{ kind: "select" as const, name: "area", label: "Area", options: m.districts.map((d) => [d, d] as const) }] : []),
        ]}
      />
      {!page ? <ErrorState resetHref={base}>These filters are not valid.</ErrorState> : page.rows.length === 0 ? <Empty>No public reports match.</Empty> : (
        <DataTable caption={`Public service requests of ${m.name}`} columns={COLUMNS} rows={page.rows} params={parsed.values} sort={parsed.ok ? parsed.query.sort : undefined} dir={parsed.ok ? parsed.query.dir : undefined} />
      )}
      {page && <Pager page={page.page} pageCount={page.pageCount} total={page.total} params={parsed.values} noun="reports" />}
    </div>
  );
}
