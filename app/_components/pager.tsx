import Link from "next/link";

/** Where a list page stands: what lib/data's paged reads return beside their rows. */
export type PageOf = { page: number; pageCount: number; total: number; capped?: boolean };

/** The page sizes a list offers; lib/records/list.ts's pageSchema refuses anything above the last. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** The numbered pages shown around the current one: always the first and last, gaps as null. */
export function pageWindow(page: number, pageCount: number, radius = 2): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pageCount; p++) {
    const near = Math.abs(p - page) <= radius;
    if (p === 1 || p === pageCount || near) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

const BOX = "inline-flex min-w-9 items-center justify-center rounded-md border px-2 py-1";

/**
 * Server-side pagination that keeps the current filters: first, previous, a window of numbered
 * pages (the current one marked with aria-current), next, last, "Page 3 of 12", and a page-size
 * choice that travels in the URL (`pageSize`, validated by the list's schema on the server).
 * Nothing while there is no list; no page links while everything fits on one page.
 */
export function Pager({
  list,
  params,
  noun,
  pageSize,
  param = "page",
  label = "Pages",
}: {
  list: PageOf | null;
  params: Record<string, string | undefined>;
  noun: string;
  /** The list's page size; the size choice is offered only where the list reads `pageSize`. */
  pageSize?: number;
  /** The URL's page number parameter: another name where a page holds two paged lists (clips). */
  param?: string;
  /** The navigation's name (two pagers on one page need two names). */
  label?: string;
}) {
  if (!list) return null;
  // A capped count (lib/data counts up to 10,000): "10,000+", and no "last page" nobody counted.
  const { page, pageCount, total, capped = false } = list;
  const kept = Object.entries(params).filter(([k, v]) => v && k !== param && k !== "pageSize") as [string, string][];
  const withSize = pageSize && params.pageSize ? [["pageSize", String(pageSize)] as [string, string]] : [];
  const href = (p: number) => `?${new URLSearchParams([...kept, ...withSize, [param, String(p)]])}`;
  const step = (p: number, text: string, hint: string, show: boolean) =>
    show ? (
      <Link href={href(p)} className={`${BOX} border-slate-300 bg-white hover:bg-slate-50`} aria-label={hint}>
        {text}
      </Link>
    ) : (
      <span className={`${BOX} border-slate-200 text-slate-400`} aria-hidden>
        {text}
      </span>
    );
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <nav aria-label={label} className="flex flex-wrap items-center gap-1">
        {pageCount > 1 && (
          <>
            {step(1, "«", "First page", page > 1)}
            {step(page - 1, "‹", "Previous page", page > 1)}
            {pageWindow(page, pageCount).map((p, i) =>
              p === null ? (
                <span key={`gap${i}`} aria-hidden className="px-1">
                  …
                </span>
              ) : (
                <Link
                  key={p}
                  href={href(p)}
                  aria-current={p === page ? "page" : undefined}
                  aria-label={`Page ${p}`}
                  className={`${BOX} ${p === page ? "border-brand-700 bg-brand-700 font-semibold text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`}
                >
                  {p}
                </Link>
              ),
            )}
            {step(page + 1, "›", "Next page", page < pageCount)}
            {!capped && step(pageCount, "»", "Last page", page < pageCount)}
          </>
        )}
        <span className="ml-2">
          {capped
            ? `Page ${page} of ${pageCount}+ · ${total.toLocaleString("en")}+ ${noun}`
            : `Page ${page} of ${pageCount} · ${total} ${noun}`}
        </span>
      </nav>
      {pageSize && (
        <form method="get" role="search" className="flex items-center gap-2" aria-label="Page size">
          {kept.map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label htmlFor="page-size">Rows per page</label>
          <select
            id="page-size"
            name="pageSize"
            defaultValue={String(pageSize)}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            {[...new Set([...PAGE_SIZES, pageSize])]
              .sort((a, b) => a - b)
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
          <button className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50">Show</button>
        </form>
      )}
    </div>
  );
}

/**
 * In place of a list with no rows. Without filters it is the list's empty state: what the list
 * holds and the next step (`children`). With filters (`clearHref`: the list without them) it says
 * nothing matches, with a link that clears them — a different situation from an empty list.
 */
export function Empty({ children, clearHref }: { children: React.ReactNode; clearHref?: string | null }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
      {clearHref ? (
        <p>
          Nothing matches these filters.{" "}
          <Link href={clearHref} className="text-brand-700 underline">
            Clear the filters
          </Link>
        </p>
      ) : (
        children
      )}
    </div>
  );
}

/** The list without filters, when any of `keys` is set in `params`; otherwise null (no filters to clear). */
export function clearFiltersHref(
  base: string,
  params: Record<string, string | undefined>,
  keys: string[],
): string | null {
  return keys.some((k) => params[k]) ? base : null;
}

/** In place of a list whose filters the visitor typed are not valid: the message names the filter. */
export function InvalidQuery({ message }: { message: string }) {
  return (
    <p role="alert" className="text-red-700">
      {message}
    </p>
  );
}

// Kept here for existing imports; the helpers live in ./format.
export { label } from "./format";
