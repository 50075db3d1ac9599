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
  const period = periodText(stats.range);
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="text-xl font-semibold">
        {heading}
      </h2>
      {period && <p className="text-sm text-slate-600">Created {period}.</p>}
      {stats.total === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          No {noun} {period ? `created ${period}` : "yet"}.
        </p>
      ) : (
        <>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Figure term={`All ${noun}`} value={stats.total} />
            <Figure term="Open" value={open} />
            <Figure term="Median days to resolve" value={stats.medianDaysToResolve ?? "—"} />
            <MostReported top={stats.mostReported} />
          </dl>
          <div className="grid gap-4 md:grid-cols-2">
            <CountChart
              title={`${capital(noun)} per month`}
              column="Month"
              data={stats.byMonth.slice(-12).map((m) => ({ label: m.month, count: m.count }))}
            />
            <CountChart
              title={`${capital(noun)} by category`}
              column="Category"
              data={stats.byCategory.map((c) => ({ label: label(c.category), count: c.count }))}
            />
            <CountChart
              title={`${capital(noun)} by status`}
              column="Status"
              data={stats.byStatus.map((c) => ({ label: label(c.status), count: c.count }))}
            />
          </div>
        </>
      )}
    </section>
  );
}

/** "from 1 Feb 2026 to 28 Feb 2026", "from …", "until …", or null for all time. */
function periodText(range: Statistics["range"]): string | null {
  const day = (d: string) =>
    new Date(`${d}T00:00:00Z`).toLocaleDateString("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
  if (range.from && range.to) return `from ${day(range.from)} to ${day(range.to)}`;
  if (range.from) return `from ${day(range.from)}`;
  if (range.to) return `until ${day(range.to)}`;
  return null;
}

/** The top category; when several share the top count, every one of them, and that they tie. */
function MostReported({ top }: { top: Statistics["mostReported"] }) {
  if (!top) return <Figure term="Most reported" value="—" />;
  const names = top.categories.map((c) => label(c));
  const each = `${top.count} ${top.count === 1 ? "report" : "reports"}`;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-500">
        {names.length > 1 ? `Most reported (${names.length} tied)` : "Most reported"}
      </dt>
      <dd className={names.length > 2 ? "text-lg font-semibold" : "text-2xl font-semibold"}>{listText(names)}</dd>
      <dd className="text-sm text-slate-600">{names.length > 1 ? `${each} each` : each}</dd>
    </div>
  );
}

function listText(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
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
