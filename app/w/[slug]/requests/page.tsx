import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { listServiceRequests } from "@/lib/data/service-requests";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { firstValues } from "@/lib/http/search-params";
import { Empty, label, Pager } from "@/app/_components/pager";

export const metadata: Metadata = { title: "Service requests" };

const STATUSES = ["SUBMITTED", "TRIAGED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED"];
const CATEGORIES = ["ROADS", "STREET_LIGHTING", "WASTE", "PARKS", "WATER", "NOISE", "GRAFFITI", "OTHER"];
const SORTS = [["createdAt", "Reported"], ["updatedAt", "Updated"], ["status", "Status"], ["category", "Category"], ["reference", "Reference"], ["title", "Title"]] as const;
// Optional columns appear only when the viewer may read them on at least one row.
const OPTIONAL = [["reporterName", "Reporter"], ["address", "Address"], ["internalNotes", "Internal notes"]] as const;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RequestsPage({ params, searchParams }: Props) {
  const { staffViewer: viewer } = await requireUser();
  const { slug } = await params;
  const q = firstValues(await searchParams, ["q", "status", "category", "sort", "dir", "page"]);
  let ws, page;
  try {
    ws = await workspaceFor(viewer, slug);
    if (!ws.links.requests) notFound();
    page = await listServiceRequests(viewer, { municipalityId: ws.municipality.id, q: q.q, status: q.status as never, category: q.category as never, sort: q.sort as never, dir: q.dir as never, page: q.page as never, pageSize: 25 });
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ValidationError) return <p role="alert" className="text-red-700">These filters are not valid. <Link className="underline" href={`/w/${slug}/requests`}>Reset</Link></p>;
    throw e;
  }
  const extra = OPTIONAL.filter(([f]) => page.rows.some((r) => f in r));
  const exportHref = `/w/${slug}/requests/export?${new URLSearchParams(Object.fromEntries(Object.entries(q).filter(([k, v]) => v && k !== "page")) as Record<string, string>)}`;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500"><Link href={`/w/${slug}`} className="underline">{ws.municipality.name}</Link></p>
          <h1 className="text-2xl font-semibold text-brand-900">Service requests</h1>
        </div>
        <a href={exportHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">Export CSV</a>
      </header>
      <form role="search" aria-label="Filter requests" className="flex flex-wrap items-end gap-3">
        <div><label htmlFor="q" className="block text-sm font-medium">Search</label><input id="q" name="q" defaultValue={q.q} placeholder="Title, reference or area" className="rounded-md border border-slate-300 px-3 py-1.5" /></div>
        <div><label htmlFor="status" className="block text-sm font-medium">Status</label>
          <select id="status" name="status" defaultValue={q.status ?? ""} className="rounded-md border border-slate-300 px-3 py-1.5"><option value="">Any</option>{STATUSES.map((s) => <option key={s} value={s}>{label(s)}</option>)}</select></div>
        <div><label htmlFor="category" className="block text-sm font-medium">Category</label>
          <select id="category" name="category" defaultValue={q.category ?? ""} className="rounded-md border border-slate-300 px-3 py-1.5"><option value="">Any</option>{CATEGORIES.map((s) => <option key={s} value={s}>{label(s)}</option>)}</select></div>
        <div><label htmlFor="sort" className="block text-sm font-medium">Sort by</label>
          <select id="sort" name="sort" defaultValue={q.sort ?? "createdAt"} className="rounded-md border border-slate-300 px-3 py-1.5">{SORTS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></div>
        <div><label htmlFor="dir" className="block text-sm font-medium">Order</label>
          <select id="dir" name="dir" defaultValue={q.dir ?? "desc"} className="rounded-md border border-slate-300 px-3 py-1.5"><option value="desc">Newest / Z first</option><option value="asc">Oldest / A first</option></select></div>
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Apply</button>
      </form>
      {page.rows.length === 0 ? <Empty>No requests match these filters.</Empty> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Service requests of {ws.municipality.name}</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Reference</th><th scope="col" className="px-3 py-2">Title</th><th scope="col" className="px-3 py-2">Category</th>
                <th scope="col" className="px-3 py-2">Status</th><th scope="col" className="px-3 py-2">Area</th><th scope="col" className="px-3 py-2">Reported</th>
                {extra.map(([, l]) => <th key={l} scope="col" className="px-3 py-2">{l}</th>)}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono text-xs"><Link href={`/w/${slug}/requests/${r.id}`} className="text-brand-700 underline">{r.reference}</Link></td>
                  <td className="px-3 py-2">{r.title}</td><td className="px-3 py-2">{label(r.category)}</td><td className="px-3 py-2">{label(r.status)}</td>
                  <td className="px-3 py-2">{r.area}</td><td className="px-3 py-2">{label(r.createdAt)}</td>
                  {extra.map(([f]) => <td key={f} className="px-3 py-2">{f in r ? String((r as Record<string, unknown>)[f] ?? "—") : <span className="sr-only">not visible</span>}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page.page} pageCount={page.pageCount} total={page.total} params={q} noun="requests" />
    </div>
  );
}
