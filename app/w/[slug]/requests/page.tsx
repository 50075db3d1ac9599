import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { listServiceRequests, serviceRequestListQuery } from "@/lib/data/service-requests";
import { canExportIn } from "@/lib/data/export-extra";
import { creatableVariants } from "@/lib/data/forms-extra";
import { NotFoundError } from "@/lib/errors";
import { parseListParams, REQUEST_LIST_KEYS, type RawParams } from "@/lib/http/list-params";
import { ServiceCategory, ServiceRequestStatus } from "@/lib/schemas/enums";
import { Empty, Pager } from "@/app/_components/pager";
import { DataTable, visibleColumns, type Column } from "@/app/_components/data-table";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";

export const metadata: Metadata = { title: "Service requests" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> };

export default async function RequestsPage({ params, searchParams }: Props) {
  const { staffViewer: viewer } = await requireUser();
  const { slug } = await params;
  let ws;
  try {
    ws = await workspaceFor(viewer, slug);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  // Analysts (statistics only) and others without record access get "not found", not an empty list.
  if (!ws.links.requests) notFound();
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
  const exportQuery = new URLSearchParams(Object.entries(parsed.values).filter(([k, v]) => v && k !== "page") as [string, string][]);
  const canCreate = creatableVariants(viewer, "ServiceRequest", ws.municipality.id).length > 0;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500"><Link href={`/w/${slug}`} className="underline">{ws.municipality.name}</Link></p>
          <h1 className="text-2xl font-semibold text-brand-900">Service requests</h1>
        </div>
        <div className="flex gap-2">
          {canCreate && <Link href={`${base}/new`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New request</Link>}
          {canExportIn(viewer, "ServiceRequest", ws.municipality.id) && (
            <a href={`${base}/export?${exportQuery}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">Export CSV</a>
          )}
        </div>
      </header>
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
