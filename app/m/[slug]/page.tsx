import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";
import { viewerFor } from "@/lib/auth/viewer";
import { ANONYMOUS } from "@/lib/auth/principal";
import { listServiceRequests } from "@/lib/data/service-requests";
import { listHeritageSites } from "@/lib/data/heritage-sites";
import { listDocuments } from "@/lib/data/documents";
import { getStatistics, canReadStatistics } from "@/lib/data/statistics";
import { ValidationError } from "@/lib/errors";
import { firstValues } from "@/lib/http/search-params";
import { Empty, label, Pager } from "@/app/_components/pager";
import { CountChart } from "@/app/_components/count-chart";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const m = await findMunicipalityBySlug((await params).slug);
  return { title: m?.name ?? "Not found" };
}

// The public portal: what anyone may see, through the same policies as staff pages. Staff who
// browse here see the public view too: the lists below are the public group's limited fields.
export default async function MunicipalityPage({ params, searchParams }: Props) {
  const m = await findMunicipalityBySlug((await params).slug);
  if (!m) notFound();
  const publicViewer = await viewerFor(ANONYMOUS);
  const q = firstValues(await searchParams, ["page", "category", "status", "q"]);
  let requests;
  try {
    requests = await listServiceRequests(publicViewer, { municipalityId: m.id, page: q.page as unknown as number, pageSize: 10, category: q.category as never, status: q.status as never, q: q.q });
  } catch (e) {
    if (e instanceof ValidationError) requests = null;
    else throw e;
  }
  const [sites, docs] = await Promise.all([
    listHeritageSites(publicViewer, { municipalityId: m.id, pageSize: 50 }),
    listDocuments(publicViewer, { municipalityId: m.id, pageSize: 50 }),
  ]);
  const stats = canReadStatistics(publicViewer, m.id, "public") ? await getStatistics(publicViewer, m.id, "public") : null;
  return (
    <div className="space-y-10">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <p className="text-sm text-slate-500">{m.region}</p>
          <h1 className="text-3xl font-bold tracking-tight text-brand-900">{m.name}</h1>
          {m.description && <p className="max-w-2xl text-slate-700">{m.description}</p>}
        </div>
        <Link href={`/m/${m.slug}/requests/new`} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">Report a problem</Link>
      </header>

      {stats && (
        <section aria-labelledby="stats-h" className="space-y-3">
          <h2 id="stats-h" className="text-xl font-semibold">In numbers</h2>
          <dl className="grid gap-4 sm:grid-cols-3">
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-sm text-slate-500">Public reports</dt><dd className="text-2xl font-semibold">{stats.total}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-sm text-slate-500">Median days to resolve</dt><dd className="text-2xl font-semibold">{stats.medianDaysToResolve ?? "—"}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-sm text-slate-500">Most reported</dt><dd className="text-2xl font-semibold">{label([...stats.byCategory].sort((a, b) => b.count - a.count)[0]?.category)}</dd></div>
          </dl>
          <div className="grid gap-4 md:grid-cols-2">
            <CountChart title="Reports per month" data={stats.byMonth.slice(-12).map((m) => ({ label: m.month, count: m.count }))} />
            <CountChart title="Reports by category" data={stats.byCategory.map((c) => ({ label: label(c.category), count: c.count }))} />
          </div>
        </section>
      )}

      <section aria-labelledby="requests-h" className="space-y-3">
        <h2 id="requests-h" className="text-xl font-semibold">Reported problems</h2>
        {!requests ? <p role="alert" className="text-red-700">Those filters are not valid.</p> : requests.rows.length === 0 ? <Empty>No public reports yet.</Empty> : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Public service requests of {m.name}</caption>
              <thead className="bg-slate-50 text-left"><tr><th scope="col" className="px-3 py-2">Reference</th><th scope="col" className="px-3 py-2">Problem</th><th scope="col" className="px-3 py-2">Category</th><th scope="col" className="px-3 py-2">Area</th><th scope="col" className="px-3 py-2">Status</th><th scope="col" className="px-3 py-2">Reported</th></tr></thead>
              <tbody>
                {requests.rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 font-mono text-xs">{r.reference}</td><td className="px-3 py-2">{r.title}</td><td className="px-3 py-2">{label(r.category)}</td>
                    <td className="px-3 py-2">{r.area}</td><td className="px-3 py-2">{label(r.status)}</td><td className="px-3 py-2">{label(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {requests && <Pager page={requests.page} pageCount={requests.pageCount} total={requests.total} params={q} noun="reports" />}
      </section>

      <section aria-labelledby="heritage-h" className="space-y-3">
        <h2 id="heritage-h" className="text-xl font-semibold">Heritage</h2>
        {sites.rows.length === 0 ? <Empty>No public heritage sites.</Empty> : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {sites.rows.map((s) => (
              <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="text-xs uppercase tracking-wide text-slate-500">{label(s.kind)} · {s.district}</p>
                <h3 className="font-semibold">{s.name}</h3>
                <p className="text-sm text-slate-700">{s.summary}</p>
                {s.address && <p className="text-sm text-slate-500">{s.address}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="docs-h" className="space-y-3">
        <h2 id="docs-h" className="text-xl font-semibold">Documents</h2>
        {docs.rows.length === 0 ? <Empty>No public documents.</Empty> : (
          <ul className="space-y-2">
            {docs.rows.map((d) => (
              <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold">{d.url ? <a href={d.url} rel="noopener noreferrer" className="text-brand-700 underline">{d.title}</a> : d.title}</h3>
                <p className="text-sm text-slate-700">{d.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
