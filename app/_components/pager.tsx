import Link from "next/link";

/** Where a list page stands: what lib/data's paged reads return beside their rows. */
export type PageOf = { page: number; pageCount: number; total: number };

/** Server-side pagination links that keep the current filters; nothing while there is no list. */
export function Pager({
  list,
  params,
  noun,
}: {
  list: PageOf | null;
  params: Record<string, string | undefined>;
  noun: string;
}) {
  if (!list) return null;
  const { page, pageCount, total } = list;
  const href = (p: number) =>
    `?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(params).filter(([, v]) => v)) as Record<string, string>), page: String(p) })}`;
  return (
    <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
      {page > 1 && (
        <Link href={href(page - 1)} className="underline">
          Previous
        </Link>
      )}
      <span>
        Page {page} of {pageCount} · {total} {noun}
      </span>
      {page < pageCount && (
        <Link href={href(page + 1)} className="underline">
          Next
        </Link>
      )}
    </nav>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">{children}</p>;
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
