import type { Metadata } from "next";
import Link from "next/link";
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
      <header>
        <p className="text-sm text-slate-500">
          <Link href={`/w/${slug}`} className="underline">
            {ws.municipality.name}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold text-brand-900">Statistics</h1>
        <p className="text-slate-600">All service requests, public and internal, as counts only.</p>
      </header>
      <DateRangeForm values={range} errors={errors} resetHref={`/w/${slug}/stats`} />
      {stats && <StatsPanel stats={stats} noun="requests" headingId="internal-h" heading="Internal statistics" />}
    </div>
  );
}
