import type { Metadata } from "next";
import Link from "next/link";
import { documentListQuery, listDocuments } from "@/lib/data/documents";
import { DOCUMENT_LIST_KEYS, parseListParams, type RawParams } from "@/lib/http/list-params";
import { DocumentKind } from "@/lib/schemas/enums";
import { Empty, Pager } from "@/app/_components/pager";
import { label } from "@/app/_components/format";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";
import { portalMunicipality, publicViewer } from "../portal";

export const metadata: Metadata = { title: "Documents" };

export default async function PublicDocumentsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> }) {
  const m = await portalMunicipality((await params).slug);
  const parsed = parseListParams(documentListQuery, await searchParams, DOCUMENT_LIST_KEYS.filter((k) => k !== "visibility" && k !== "archived"), { municipalityId: m.id, pageSize: 25 });
  const page = parsed.ok ? await listDocuments(await publicViewer(), parsed.query) : null;
  const base = `/m/${m.slug}/documents`;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">{m.name}</p>
        <h1 className="text-2xl font-semibold text-brand-900">Documents</h1>
      </header>
      <FilterBar ariaLabel="Filter documents" resetHref={base} values={parsed.values} filters={[{ kind: "search", name: "q", label: "Search", placeholder: "Title or summary" }, { kind: "select", name: "kind", label: "Kind", options: Object.values(DocumentKind) }]} />
      {!page ? <ErrorState resetHref={base}>These filters are not valid.</ErrorState> : page.rows.length === 0 ? <Empty>No public documents match.</Empty> : (
        <ul className="space-y-2">
          {page.rows.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-xs uppercase tracking-wide text-slate-500">{label(d.kind)}</p>
              <h2 className="font-semibold"><Link href={`${base}/${d.id}`} className="text-brand-700 underline">{d.title}</Link></h2>
              <p className="text-sm text-slate-700">{d.summary}</p>
            </li>
          ))}
        </ul>
      )}
      {page && <Pager page={page.page} pageCount={page.pageCount} total={page.total} params={parsed.values} noun="documents" />}
    </div>
  );
}
