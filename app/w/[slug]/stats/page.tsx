import type { Metadata } from "next";
import { WorkspacePageHeader } from "@/app/_components/workspace-page-header";
import { getStatistics } from "@/lib/data/statistics";
import { StatsPanel } from "@/app/_components/stats-panel";
import { DateRangeForm, rangeQuery, statisticsOrErrors, type PageWithQuery } from "@/app/_components/date-range-form";
import { orNotFound, requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "Statistics" };

// Internal statistics: every request of the municipality, aggregated, over the period in the URL.
// Analysts get these and nothing else — no rows, no links to records.
export default async function StatsPage({ params, searchParams }: PageWithQuery<{ slug: string }>) {
  const { slug } = await params;
  const range = await rangeQuery(searchParams);
  const { viewer, ws } = await requireWorkspacePage(slug, "statistics");
  const { stats, errors } = await statisticsOrErrors(() =>
    orNotFound(getStatistics(viewer, ws.municipality.id, { scope: "internal", ...range })),
  );
  return (
    <div className="space-y-6">
      <WorkspacePageHeader slug={slug} name={ws.municipality.name} title="Statistics">
        <p className="text-slate-600">All service requests, public and internal, as counts only.</p>
      </WorkspacePageHeader>
      <DateRangeForm values={range} errors={errors} resetHref={`/w/${slug}/stats`} />
      {stats && <StatsPanel stats={stats} noun="requests" headingId="internal-h" heading="Internal statistics" />}
    </div>
  );
}
