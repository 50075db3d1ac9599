import type { Metadata } from "next";
import { documentListQuery, listDocuments } from "@/lib/data/documents";
import { canExportIn } from "@/lib/data/export-extra";
import { creatableVariants } from "@/lib/data/forms-extra";
import { DOCUMENT_LIST_KEYS, parseListParams, type RawParams } from "@/lib/http/list-params";
import { DocumentKind, DocumentVisibility } from "@/lib/schemas/enums";
import { Empty, Pager } from "@/app/_components/pager";
import { DataTable, visibleColumns, type Column } from "@/app/_components/data-table";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";
import { ListHeader } from "@/app/_components/list-header";
import { requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> }) {
  const { slug } = await params;
  // Analysts (statistics only) and others without record access get "not found", not an empty list.
  const { viewer, ws } = await requireWorkspacePage(slug, "documents");
  const parsed = parseListParams(documentListQuery, await searchParams, DOCUMENT_LIST_KEYS, { municipalityId: ws.municipality.id, pageSize: 25 });
  const page = parsed.ok ? await listDocuments(viewer, parsed.query) : null;
  const base = `/w/${slug}/documents`;
  const columns: Column[] = [
    { field: "title", sort: "title", href: (r) => `${base}/${String(r.id)}` },
    { field: "kind", sort: "kind" },
    { field: "visibility" },
    { field: "summary" },
    { field: "archivedAt", label: "Archived" },
    { field: "updatedAt", label: "Updated", sort: "updatedAt" },
  ];
  return (
    <div className="space-y-6">
      <ListHeader
        base={base} home={{ href: `/w/${slug}`, name: ws.municipality.name }} title="Documents" values={parsed.values}
        newLabel={creatableVariants(viewer, "Document", ws.municipality.id).length > 0 && "New document"}
        canExport={canExportIn(viewer, "Document", ws.municipality.id)}
      />
      <FilterBar
        ariaLabel="Filter documents" resetHref={base} values={parsed.values} keep={{ sort: parsed.values.sort, dir: parsed.values.dir }}
        filters={[
          { kind: "search", name: "q", label: "Search", placeholder: "Title or summary" },
          { kind: "select", name: "kind", label: "Kind", options: Object.values(DocumentKind) },
          { kind: "select", name: "visibility", label: "Visibility", options: Object.values(DocumentVisibility) },
          { kind: "select", name: "archived", label: "Archived", options: [["include", "Include archived"], ["only", "Only archived"]] as const, anyLabel: "Hide archived" },
        ]}
      />
      {!page ? <ErrorState resetHref={base}>These filters are not valid.</ErrorState> : page.rows.length === 0 ? <Empty>No documents match.</Empty> : (
        <DataTable caption={`Documents of ${ws.municipality.name}`} rows={page.rows} params={parsed.values} columns={visibleColumns(columns, page.rows, ["title", "kind"])} sort={parsed.ok ? parsed.query.sort : undefined} dir={parsed.ok ? parsed.query.dir : undefined} />
      )}
      {page && <Pager page={page.page} pageCount={page.pageCount} total={page.total} params={parsed.values} noun="documents" />}
    </div>
  );
}
