import type { Metadata } from "next";
import { getStatistics, canReadStatistics } from "@/lib/data/statistics";
import { StatsPanel } from "@/app/_components/stats-panel";
import { Empty } from "@/app/_components/pager";
import { portalMunicipality, anonymousViewer } from "../portal";

export const metadata: Metadata = { title: "Statistics" };

// Public figures count public reports only (lib/data/statistics.ts); aggregates, never rows.
export default async function PublicStatsPage({ params }: { params: Promise<{ slug: string }> }) {
  const m = await portalMunicipality((await params).slug);
  const viewer = await anonymousViewer();
  const stats = canReadStatistics(viewer, m.id, "public") ? await getStatistics(viewer, m.id, "public") : null;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">{m.name}</p>
        <h1 className="text-2xl font-semibold text-brand-900">Statistics</h1>
      </header>
      {stats ? (
        <StatsPanel
          stats={stats}
          noun="public reports"
          headingId="public-stats-h"
          heading="Public reports in numbers"
        />
      ) : (
        <Empty>Statistics are not published for {m.name}.</Empty>
      )}
    </div>
  );
}
