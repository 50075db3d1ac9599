import type { Metadata } from "next";
import Link from "next/link";
import { getStatistics } from "@/lib/data/statistics";
import { StatsPanel } from "@/app/_components/stats-panel";
import { requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "Workspace" };

export default async function MunicipalityWorkspace({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  const stats = ws.links.statistics ? await getStatistics(viewer, ws.municipality.id, "internal") : null;
  const tiles = [
    {
      show: ws.links.requests,
      href: `/w/${slug}/requests`,
      title: "Service requests",
      text: "Citizens' reports: triage, assign, resolve.",
    },
    {
      show: ws.links.heritage,
      href: `/w/${slug}/heritage`,
      title: "Heritage sites",
      text: "The inventory of protected places.",
    },
    {
      show: ws.links.documents,
      href: `/w/${slug}/documents`,
      title: "Documents",
      text: "Regulations, guidance and links.",
    },
    {
      show: ws.links.statistics,
      href: `/w/${slug}/stats`,
      title: "Statistics",
      text: "Counts by category, status and month; time to resolve.",
    },
    {
      show: ws.links.people,
      href: `/admin/${slug}/people`,
      title: "People",
      text: "Members, approvals, deactivation.",
    },
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
            <li key={t.href}>
              <Link
                href={t.href}
                className="block h-full rounded-lg border border-slate-200 bg-white p-5 hover:border-brand-600"
              >
                <h2 className="font-semibold text-brand-900">{t.title}</h2>
                <p className="text-sm text-slate-600">{t.text}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {stats && <StatsPanel stats={stats} noun="requests" headingId="stats-h" heading="Internal statistics" />}
    </div>
  );
}
