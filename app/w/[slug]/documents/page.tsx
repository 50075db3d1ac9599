import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { listDocuments } from "@/lib/data/documents";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { firstValues } from "@/lib/http/search-params";
import { Empty, label, Pager } from "@/app/_components/pager";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staffViewer: viewer } = await requireUser();
  const { slug } = await params;
  const q = firstValues(await searchParams, ["q", "visibility", "page"]);
  let ws, page;
  try {
    ws = await workspaceFor(viewer, slug);
    if (!ws.links.documents) notFound();
    page = await listDocuments(viewer, { municipalityId: ws.municipality.id, q: q.q, visibility: q.visibility as never, page: q.page as never });
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ValidationError) return <p role="alert" className="text-red-700">These filters are not valid.</p>;
    throw e;
  }
  return (
    <div className="space-y-6">
      <header><p className="text-sm text-slate-500"><Link href={`/w/${slug}`} className="underline">{ws.municipality.name}</Link></p><h1 className="text-2xl font-semibold text-brand-900">Documents</h1></header>
      <form role="search" aria-label="Filter documents" className="flex flex-wrap items-end gap-3">
        <div><label htmlFor="q" className="block text-sm font-medium">Search</label><input id="q" name="q" defaultValue={q.q} className="rounded-md border border-slate-300 px-3 py-1.5" /></div>
        <div><label htmlFor="visibility" className="block text-sm font-medium">Visibility</label><select id="visibility" name="visibility" defaultValue={q.visibility ?? ""} className="rounded-md border border-slate-300 px-3 py-1.5"><option value="">Any</option><option value="PUBLIC">Public</option><option value="INTERNAL">Internal</option></select></div>
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Apply</button>
      </form>
      {page.rows.length === 0 ? <Empty>No documents match.</Empty> : (
        <ul className="space-y-2">
          {page.rows.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-xs uppercase tracking-wide text-slate-500">{label(d.kind)} · {label(d.visibility)}</p>
              <h2 className="font-semibold">{d.title}</h2>
              <p className="text-sm text-slate-700">{d.summary}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page.page} pageCount={page.pageCount} total={page.total} params={q} noun="documents" />
    </div>
  );
}
