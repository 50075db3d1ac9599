import type { Metadata } from "next";
import { getStatistics, canReadStatistics } from "@/lib/data/statistics";
import { StatsPanel } from "@/app/_components/stats-panel";
import { DateRangeForm, rangeQuery, statisticsOrErrors, type PageWithQuery } from "@/app/_components/date-range-form";
import { Empty } from "@/app/_components/pager";
import { portalMunicipality, anonymousViewer } from "../portal";

export const metadata: Metadata = { title: "Statistics" };

// Public figures count public reports only (lib/data/statistics.ts); aggregates, never rows, over
// the period in the URL.
export default async function PublicStatsPage({ params, searchParams }: PageWithQuery<{ slug: string }>) {
  const m = await portalMunicipality((await params).slug);
  const range = await rangeQuery(searchParams);
  const viewer = await anonymousViewer();
  const published = canReadStatistics(viewer, m.id, "public");
  const { stats, errors } = published
    ? await statisticsOrErrors(() => getStatistics(viewer, m.id, { scope: "public", ...range }))
    : { stats: null, errors: undefined };
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">{m.name}</p>
        <h1 className="text-2xl font-semibold text-brand-900">Statistics</h1>
      </header>
      {published ? (
        <>
          <DateRangeForm values={range} errors={errors} resetHref={`/m/${m.slug}/stats`} />
          {stats && (
            <StatsPanel
              stats={stats}
              noun="public reports"
              headingId="public-stats-h"
              heading="Public reports in numbers"
            />
          )}
        </>
      ) : (
        <Empty>Statistics are not published for {m.name}.</Empty>
      )}
    </div>
  );
}
