import Link from "next/link";

/** A row of section links under a console's heading (administration, platform console); the current one marked. */
export function TabNav({
  label,
  tabs,
  current,
}: {
  label: string;
  tabs: readonly (readonly [key: string, href: string, text: string])[];
  current: string;
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-200">
      {tabs.map(([key, href, text]) => (
        <Link
          key={key}
          href={href}
          aria-current={key === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-1 pb-2 text-sm ${key === current ? "border-brand-600 font-semibold text-brand-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {text}
        </Link>
      ))}
    </nav>
  );
}
