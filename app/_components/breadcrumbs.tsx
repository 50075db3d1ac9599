import Link from "next/link";

/**
 * Where a detail page sits: the links up to it, then the page itself (aria-current="page"). On a
 * phone the trail wraps; a long last item (a title, an email) breaks anywhere.
 */
export function Breadcrumbs({
  trail,
  current,
}: {
  trail: readonly (readonly [href: string, text: string])[];
  current: string;
}) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-1 text-slate-600">
        {trail.map(([href, text]) => (
          <li key={href} className="flex items-center gap-x-1">
            <Link href={href} className="text-brand-700 underline">
              {text}
            </Link>
            <span aria-hidden className="text-slate-400">
              /
            </span>
          </li>
        ))}
        <li aria-current="page" className="min-w-0 font-medium text-slate-800 [overflow-wrap:anywhere]">
          {current}
        </li>
      </ol>
    </nav>
  );
}
