import Link from "next/link";

const TABS = [
  ["people", "People"],
  ["invitations", "Invitations"],
  ["approvals", "Approval queue"],
  ["audit", "Audit log"],
  ["outbox", "Outbox"],
  ["policies", "Policies"],
] as const;

export function AdminNav({ slug, name, current }: { slug: string; name: string; current?: (typeof TABS)[number][0] }) {
  return (
    <header className="space-y-3">
      <p className="text-sm text-slate-500">{name} · administration</p>
      <nav aria-label="Administration" className="flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-200">
        {TABS.map(([key, label]) => (
          <Link
            key={key}
            href={`/admin/${slug}/${key}`}
            aria-current={key === current ? "page" : undefined}
            className={`-mb-px border-b-2 px-1 pb-2 text-sm ${key === current ? "border-brand-600 font-semibold text-brand-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
