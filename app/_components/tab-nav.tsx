"use client";

// A row of section links (portal, workspace, administration, platform console). The tab of the
// page shown carries aria-current="page"; on a page inside a section (a record, a person) the
// section's tab carries aria-current="true" — marked alike on screen. Which tab: `current` when the
// page names it, else the tab whose link is the longest prefix of the address.
import Link from "next/link";
import { usePathname } from "next/navigation";

export type Tab = readonly [key: string, href: string, text: string];

/** The key of the tab `pathname` sits in: the longest tab link that is the path or a prefix of it. */
export function tabOf(tabs: readonly Tab[], pathname: string): string | undefined {
  const inside = (href: string) => pathname === href || pathname.startsWith(`${href.replace(/\/$/, "")}/`);
  return [...tabs].filter(([, href]) => inside(href)).sort((a, b) => b[1].length - a[1].length)[0]?.[0];
}

export function TabNav({ label, tabs, current }: { label: string; tabs: readonly Tab[]; current?: string }) {
  const pathname = usePathname() ?? "";
  const active = current ?? tabOf(tabs, pathname);
  return (
    <nav aria-label={label} className="flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-200">
      {tabs.map(([key, href, text]) => {
        const on = key === active;
        return (
          <Link
            key={key}
            href={href}
            aria-current={on ? (pathname === href ? "page" : "true") : undefined}
            className={`-mb-px border-b-2 px-1 pb-2 text-sm ${on ? "border-brand-600 font-semibold text-brand-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {text}
          </Link>
        );
      })}
    </nav>
  );
}
