import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { getStatistics } from "@/lib/data/statistics";
import { NotFoundError } from "@/lib/errors";
import { label } from "@/app/_components/pager";
import { CountChart } from "@/app/_components/count-chart";

export const metadata: Metadata = { title: "Workspace" };

export default async function MunicipalityWorkspace({ params }: { params: Promise<{ slug: string }> }) {
  const { staffViewer: viewer } = await requireUser();
  const { slug } = await params;
  let ws;
  try {
    ws = await workspaceFor(viewer, slug);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const stats = ws.links.statistics ? await getStatistics(viewer, ws.municipality.id, "internal") : null;
  const tiles = [
    { show: ws.links.requests, href: `/w/${slug}/requests`, title: "Service requests", text: "Citizens' reports: triage, assign, resolve." },
    { show: ws.links.heritage, href: `/w/${slug}/heritage`, title: "Heritage sites", text: "The inventory of protected places." },
    { show: ws.links.documents, href: `/w/${slug}/documents`, title: "Documents", text: "Regulations, guidance and links." },
    { show: ws.links.people, href: `/admin/${slug}/people`, title: "People", text: "Members, approvals, deactivation." },
  ].filter((t) => t.show);
  return (
    <div className="space-y-8">
      <header>
        <p className="text-sm text-slate-500">Workspace</p>
        <h1 className="text-2xl font-semibold text-brand-900">{ws.municipality.name}</h1>
      </header>
      {tiles.length > 0 && (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Sections">
          {tiles.map((t) => (
            <li key={t.href}><Link href={t.href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 hover:border-brand-600"><h2 className="font-semibold text-brand-900">{t.title}</h2><p className="text-sm text-slate-600">{t.text}</p></Link></li>
          ))}
        </ul>
      )}
      {stats && (
        <section aria-labelledby="stats-h" className="space-y-4">
          <h2 id="stats-h" className="text-xl font-semibold">Internal statistics</h2>
          <dl className="grid gap-4 sm:grid-cols-3">
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-sm text-slate-500">All requests</dt><dd className="text-2xl font-semibold">{stats.total}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-sm text-slate-500">Median days to resolve</dt><dd className="text-2xl font-semibold">{stats.medianDaysToResolve ?? "—"}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-sm text-slate-500">Open</dt><dd className="text-2xl font-semibold">{stats.byStatus.filter((s) => ["SUBMITTED", "TRIAGED", "IN_PROGRESS"].includes(s.status)).reduce((n, s) => n + s.count, 0)}</dd></div>
          </dl>
          <div className="grid gap-4 md:grid-cols-2">
            <CountChart title="Requests per month" data={stats.byMonth.slice(-12).map((m) => ({ label: m.month, count: m.count }))} />
            <CountChart title="Requests by status" data={stats.byStatus.map((c) => ({ label: label(c.status), count: c.count }))} />
          </div>
        </section>
      )}
    </div>
  );
}
