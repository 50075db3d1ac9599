// The period statistics count: two dates in the URL (?from=YYYY-MM-DD&to=YYYY-MM-DD), a GET form
// so the period is shareable and the back button works; lib/data/statistics.ts validates them on
// the server and this form shows its messages beside the fields.
import Link from "next/link";
import type { Statistics, StatisticsRange } from "@/lib/data/statistics";
import { ValidationError } from "@/lib/errors";
import { TextField } from "./form-field";

export type RangeErrors = { from?: string; to?: string };

/** What Next hands a page that reads its query. */
export type PageWithQuery<P> = {
  params: Promise<P>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The period asked for in the page's query (the first value of each, if given several times). */
export async function rangeQuery(searchParams: PageWithQuery<unknown>["searchParams"]): Promise<StatisticsRange> {
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return { from: one(q.from), to: one(q.to) };
}

/** The statistics, or the field messages when the dates in the URL were refused. */
export async function statisticsOrErrors(
  load: () => Promise<Statistics>,
): Promise<{ stats: Statistics; errors?: undefined } | { stats?: undefined; errors: RangeErrors }> {
  try {
    return { stats: await load() };
  } catch (err) {
    if (!(err instanceof ValidationError) || !("from" in err.fieldErrors || "to" in err.fieldErrors)) throw err;
    return { errors: { from: err.fieldErrors.from?.[0], to: err.fieldErrors.to?.[0] } };
  }
}

export function DateRangeForm({
  values,
  errors = {},
  resetHref,
}: {
  values: StatisticsRange;
  errors?: RangeErrors;
  resetHref: string;
}) {
  return (
    <form method="get" role="search" aria-label="Period" className="flex flex-wrap items-start gap-3">
      <div className="w-44">
        <TextField
          id="range-from"
          name="from"
          type="date"
          label="From"
          defaultValue={values.from}
          error={errors.from}
        />
      </div>
      <div className="w-44">
        <TextField id="range-to" name="to" type="date" label="To" defaultValue={values.to} error={errors.to} />
      </div>
      <div className="flex items-center gap-3 pt-6">
        <button className="rounded-md bg-brand-600 px-3 py-2 text-white hover:bg-brand-700">Apply</button>
        {(values.from || values.to) && (
          <Link href={resetHref} className="text-sm underline">
            All time
          </Link>
        )}
      </div>
    </form>
  );
}
