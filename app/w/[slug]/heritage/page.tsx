import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { heritageSiteListQuery, listHeritageSites } from "@/lib/data/heritage-sites";
import { canExportIn } from "@/lib/data/export-extra";
import { creatableVariants } from "@/lib/data/forms-extra";
import { NotFoundError } from "@/lib/errors";
import { HERITAGE_LIST_KEYS, parseListParams, type RawParams } from "@/lib/http/list-params";
import { HeritageKind } from "@/lib/schemas/enums";
import { Empty, Pager } from "@/app/_components/pager";
import { DataTable, visibleColumns, type Column } from "@/app/_components/data-table";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";

export const metadata: Metadata = { title: "Heritage sites" };

export default async function HeritagePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> }) {
  const { staffViewer: viewer } = await requireUser();
  const { slug } = await params;
  let ws;
  try {
    ws = await workspaceFor(viewer, slug);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  if (!ws.links.heritage) notFound();
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
  const exportQuery = new URLSearchParams(Object.entries(parsed.values).filter(([k, v]) => v && k !== "page") as [string, string][]);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500"><Link href={`/w/${slug}`} className="underline">{ws.municipality.name}</Link></p>
          <h1 className="text-2xl font-semibold text-brand-900">Heritage sites</h1>
        </div>
        <div className="flex gap-2">
          {creatableVariants(viewer, "HeritageSite", ws.municipality.id).length > 0 && <Link href={`${base}/new`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New site</Link>}
          {canExportIn(viewer, "HeritageSite", ws.municipality.id) && <a href={`${base}/export?${exportQuery}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">Export CSV</a>}
        </div>
      </header>
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
