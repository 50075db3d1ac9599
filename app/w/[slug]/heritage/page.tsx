import type { Metadata } from "next";
import { heritageSiteListQuery, listHeritageSites } from "@/lib/data/heritage-sites";
import { canExportIn } from "@/lib/data/export-extra";
import { creatableVariants } from "@/lib/data/forms-extra";
import { HERITAGE_LIST_KEYS, parseListParams, type RawParams } from "@/lib/http/list-params";
import { HeritageKind } from "@/lib/schemas/enums";
import { Empty, Pager } from "@/app/_components/pager";
import { DataTable, visibleColumns, type Column } from "@/app/_components/data-table";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";
import { ListHeader } from "@/app/_components/list-header";
import { requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "Heritage sites" };

export default async function HeritagePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> }) {
  const { slug } = await params;
  // Analysts (statistics only) and others without record access get "not found", not an empty list.
  const { viewer, ws } = await requireWorkspacePage(slug, "heritage");
  const parsed = parseListParams(heritageSiteListQuery, await searchParams, HERITAGE_LIST_KEYS, { municipalityId: ws.municipality.id, pageSize: 25 });
  const page = parsed.ok ? await listHeritageSites(viewer, parsed.query) : null;
  const base = `/w/${slug}/heritage`;
  // Limited views (archaeological zones for volunteers) show "—" in the columns they may not read.
  const columns: Column[] = [
    { field: "name", sort: "name", href: (r) => `${base}/${String(r.id)}` },
    { field: "kind", sort: "kind" },
    { field: "district", sort: "district" },
    { field: "designation" },
    { field: "address", label: "Exact location" },
    { field: "ownerName", label: "Owner" },
    { field: "reviewNotes", label: "Review notes" },
    { field: "updatedAt", label: "Updated", sort: "updatedAt" },
  ];
  return (
    <div className="space-y-6">
      <ListHeader
        base={base} home={{ href: `/w/${slug}`, name: ws.municipality.name }} title="Heritage sites" values={parsed.values}
        newLabel={creatableVariants(viewer, "HeritageSite", ws.municipality.id).length > 0 && "New site"}
        canExport={canExportIn(viewer, "HeritageSite", ws.municipality.id)}
      />
      <FilterBar
        ariaLabel="Filter heritage sites" resetHref={base} values={parsed.values} keep={{ sort: parsed.values.sort, dir: parsed.values.dir }}
        filters={[{ kind: "search", name: "q", label: "Search", placeholder: "Name or district" }, { kind: "select", name: "kind", label: "Kind", options: Object.values(HeritageKind) }]}
      />
      {!page ? <ErrorState resetHref={base}>These filters are not valid.</ErrorState> : page.rows.length === 0 ? <Empty>No heritage sites match.</Empty> : (
        <DataTable caption={`Heritage sites of ${ws.municipality.name}`} rows={page.rows} params={parsed.values} columns={visibleColumns(columns, page.rows, ["name", "kind", "district"])} sort={parsed.ok ? parsed.query.sort : undefined} dir={parsed.ok ? parsed.query.dir : undefined} />
      )}
      {page && <Pager page={page.page} pageCount={page.pageCount} total={page.total} params={parsed.values} noun="sites" />}
    </div>
  );
}
