import Link from "next/link";

type Props = {
  /** The list's address, e.g. /w/riverton/requests; "new" and "export" hang below it. */
  base: string;
  home: { href: string; name: string };
  title: string;
  /** The "New …" button's label, when the viewer may create here. */
  newLabel?: string | false;
  /** Whether the viewer may export; the export keeps the list's filters and sort, not its page. */
  canExport: boolean;
  values: Record<string, string | undefined>;
};

/** A workspace list's heading with its actions (create, CSV export). */
export function ListHeader({ base, home, title, newLabel, canExport, values }: Props) {
  const exportQuery = new URLSearchParams(
    Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== "page"),
  );
  return (
    <header className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <p className="text-sm text-slate-500">
          <Link href={home.href} className="underline">
            {home.name}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold text-brand-900">{title}</h1>
      </div>
      <div className="flex gap-2">
        {newLabel && (
          <Link
            href={`${base}/new`}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            {newLabel}
          </Link>
        )}
        {canExport && (
          <a
            href={`${base}/export?${exportQuery}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            Export CSV
          </a>
        )}
      </div>
    </header>
  );
}
