// Aggregate statistics as figures and charts. Takes the Statistics DTO (counts only, never rows).
import type { Statistics } from "@/lib/data/statistics";
// Which statuses count as open is the lifecycle's decision (lib/records/lifecycle.ts), not this panel's.
import { isOpen } from "@/lib/records/lifecycle";
import { CountChart } from "./count-chart";
import { label } from "./format";

export function StatsPanel({
  stats,
  noun = "reports",
  headingId,
  heading,
}: {
  stats: Statistics;
  noun?: string;
  headingId: string;
  heading: string;
}) {
  const open = stats.byStatus.filter((s) => isOpen(s.status)).reduce((n, s) => n + s.count, 0);
  const top = [...stats.byCategory].sort((a, b) => b.count - a.count)[0];
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="text-xl font-semibold">
        {heading}
      </h2>
      {stats.total === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">No {noun} yet.</p>
      ) : (
        <>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Figure term={`All ${noun}`} value={stats.total} />
            <Figure term="Open" value={open} />
            <Figure term="Median days to resolve" value={stats.medianDaysToResolve ?? "—"} />
            <Figure term="Most reported" value={label(top?.category)} />
          </dl>
          <div className="grid gap-4 md:grid-cols-2">
            <CountChart
              title={`${capital(noun)} per month`}
              data={stats.byMonth.slice(-12).map((m) => ({ label: m.month, count: m.count }))}
            />
            <CountChart
              title={`${capital(noun)} by category`}
              data={stats.byCategory.map((c) => ({ label: label(c.category), count: c.count }))}
            />
            <CountChart
              title={`${capital(noun)} by status`}
              data={stats.byStatus.map((c) => ({ label: label(c.status), count: c.count }))}
            />
          </div>
        </>
      )}
    </section>
  );
}

function capital(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function Figure({ term, value }: { term: string; value: string | number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-500">{term}</dt>
      <dd className="text-2xl font-semibold">{value}</dd>
    </div>
  );
}
