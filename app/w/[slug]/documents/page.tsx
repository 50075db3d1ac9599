import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { documentListQuery, listDocuments } from "@/lib/data/documents";
import { canExportIn } from "@/lib/data/export-extra";
import { creatableVariants } from "@/lib/data/forms-extra";
import { NotFoundError } from "@/lib/errors";
import { DOCUMENT_LIST_KEYS, parseListParams, type RawParams } from "@/lib/http/list-params";
import { DocumentKind, DocumentVisibility } from "@/lib/schemas/enums";
import { Empty, Pager } from "@/app/_components/pager";
import { DataTable, visibleColumns, type Column } from "@/app/_components/data-table";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> }) {
  const { staffViewer: viewer } = await requireUser();
  const { slug } = await params;
  let ws;
  try {
    ws = await workspaceFor(viewer, slug);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  if (!ws.links.documents) notFound();
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
  const exportQuery = new URLSearchParams(Object.entries(parsed.values).filter(([k, v]) => v && k !== "page") as [string, string][]);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500"><Link href={`/w/${slug}`} className="underline">{ws.municipality.name}</Link></p>
          <h1 className="text-2xl font-semibold text-brand-900">Documents</h1>
        </div>
        <div className="flex gap-2">
          {creatableVariants(viewer, "Document", ws.municipality.id).length > 0 && <Link href={`${base}/new`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New document</Link>}
          {canExportIn(viewer, "Document", ws.municipality.id) && <a href={`${base}/export?${exportQuery}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">Export CSV</a>}
        </div>
      </header>
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
