import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { listHeritageSites } from "@/lib/data/heritage-sites";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { firstValues } from "@/lib/http/search-params";
import { Empty, label, Pager } from "@/app/_components/pager";

export const metadata: Metadata = { title: "Heritage sites" };
const KINDS = ["HISTORIC_AREA", "CHARACTER_AREA", "ARCHAEOLOGICAL_ZONE", "MASTER_PLAN_ZONE", "INVENTORY_RESOURCE"];
// Columns beyond the public ones appear per row only where the viewer may read them (limited views show "—").
const COLUMNS = [["name", "Name"], ["kind", "Kind"], ["district", "District"], ["designation", "Designation"], ["address", "Exact location"], ["ownerName", "Owner"], ["reviewNotes", "Review notes"]] as const;

export default async function HeritagePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staffViewer: viewer } = await requireUser();
  const { slug } = await params;
  const q = firstValues(await searchParams, ["q", "kind", "page"]);
  let ws, page;
  try {
    ws = await workspaceFor(viewer, slug);
    if (!ws.links.heritage) notFound();
    page = await listHeritageSites(viewer, { municipalityId: ws.municipality.id, q: q.q, kind: q.kind as never, page: q.page as never });
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ValidationError) return <p role="alert" className="text-red-700">These filters are not valid.</p>;
    throw e;
  }
  const cols = COLUMNS.filter(([f]) => page.rows.some((r) => f in r));
  return (
    <div className="space-y-6">
      <header><p className="text-sm text-slate-500"><Link href={`/w/${slug}`} className="underline">{ws.municipality.name}</Link></p><h1 className="text-2xl font-semibold text-brand-900">Heritage sites</h1></header>
      <form role="search" aria-label="Filter heritage sites" className="flex flex-wrap items-end gap-3">
        <div><label htmlFor="q" className="block text-sm font-medium">Search</label><input id="q" name="q" defaultValue={q.q} className="rounded-md border border-slate-300 px-3 py-1.5" /></div>
        <div><label htmlFor="kind" className="block text-sm font-medium">Kind</label><select id="kind" name="kind" defaultValue={q.kind ?? ""} className="rounded-md border border-slate-300 px-3 py-1.5"><option value="">Any</option>{KINDS.map((k) => <option key={k} value={k}>{label(k)}</option>)}</select></div>
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Apply</button>
      </form>
      {page.rows.length === 0 ? <Empty>No heritage sites match.</Empty> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Heritage sites of {ws.municipality.name}</caption>
            <thead className="bg-slate-50 text-left"><tr>{cols.map(([, l]) => <th key={l} scope="col" className="px-3 py-2">{l}</th>)}</tr></thead>
            <tbody>{page.rows.map((r) => <tr key={r.id} className="border-t border-slate-100">{cols.map(([f]) => <td key={f} className="px-3 py-2">{f === "kind" ? label(r[f]) : String((r as Record<string, unknown>)[f] ?? "—")}</td>)}</tr>)}</tbody>
          </table>
        </div>
      )}
      <Pager page={page.page} pageCount={page.pageCount} total={page.total} params={q} noun="sites" />
    </div>
  );
}
