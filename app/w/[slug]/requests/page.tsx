import type { Metadata } from "next";
import { listServiceRequests, serviceRequestListQuery } from "@/lib/data/service-requests";
import { canExportIn } from "@/lib/data/export-extra";
import { creatableVariants } from "@/lib/data/forms-extra";
import { parseListParams, REQUEST_LIST_KEYS, type RawParams } from "@/lib/http/list-params";
import { ServiceCategory, ServiceRequestStatus } from "@/lib/schemas/enums";
import { Empty, Pager } from "@/app/_components/pager";
import { DataTable, visibleColumns, type Column } from "@/app/_components/data-table";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";
import { ListHeader } from "@/app/_components/list-header";
import { requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "Service requests" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> };

export default async function RequestsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  // Analysts (statistics only) and others without record access get "not found", not an empty list.
  const { viewer, ws } = await requireWorkspacePage(slug, "requests");
  const parsed = parseListParams(serviceRequestListQuery, await searchParams, REQUEST_LIST_KEYS, { municipalityId: ws.municipality.id, pageSize: 25 });
  const page = parsed.ok ? await listServiceRequests(viewer, parsed.query) : null;
  const base = `/w/${slug}/requests`;
  // Columns: the common ones always; sensitive ones only when readable on some row on this page.
  const columns: Column[] = [
    { field: "reference", sort: "reference", mono: true, href: (r) => `${base}/${String(r.id)}` },
    { field: "title", sort: "title" },
    { field: "category", sort: "category" },
    { field: "status", sort: "status" },
    { field: "area", label: "Area" },
    { field: "address", label: "Address" },
    { field: "reporterName", label: "Reporter" },
    { field: "reporterEmail" },
    { field: "reporterPhone" },
    { field: "internalNotes", label: "Internal notes" },
    { field: "createdAt", label: "Reported", sort: "createdAt" },
  ];
  return (
    <div className="space-y-6">
      <ListHeader
        base={base} home={{ href: `/w/${slug}`, name: ws.municipality.name }} title="Service requests" values={parsed.values}
        newLabel={creatableVariants(viewer, "ServiceRequest", ws.municipality.id).length > 0 && "New request"}
        canExport={canExportIn(viewer, "ServiceRequest", ws.municipality.id)}
      />
      <FilterBar
        ariaLabel="Filter requests" resetHref={base} values={parsed.values} keep={{ sort: parsed.values.sort, dir: parsed.values.dir }}
        filters={[
          { kind: "search", name: "q", label: "Search", placeholder: "Title, reference or area" },
          { kind: "select", name: "status", label: "Status", options: Object.values(ServiceRequestStatus) },
          { kind: "select", name: "category", label: "Category", options: Object.values(ServiceCategory) },
        ]}
      />
      {!page ? <ErrorState resetHref={base}>These filters are not valid.</ErrorState> : page.rows.length === 0 ? <Empty>No requests match these filters.</Empty> : (
        <DataTable
          caption={`Service requests of ${ws.municipality.name}`} rows={page.rows} params={parsed.values}
          columns={visibleColumns(columns, page.rows, ["reference", "title", "category", "status", "area", "createdAt"])}
          sort={parsed.ok ? parsed.query.sort : undefined} dir={parsed.ok ? parsed.query.dir : undefined}
        />
      )}
      {page && <Pager page={page.page} pageCount={page.pageCount} total={page.total} params={parsed.values} noun="requests" />}
    </div>
  );
}
