import Link from "next/link";
import { portalMunicipality } from "./portal";

// Navigation only: no authorization here (each page reads through the public policy itself).
export default async function PortalLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const m = await portalMunicipality((await params).slug);
  const base = `/m/${m.slug}`;
  const links = [
    [base, "Overview"],
    [`${base}/requests`, "Reported problems"],
    [`${base}/heritage`, "Heritage"],
    [`${base}/documents`, "Documents"],
    [`${base}/stats`, "Statistics"],
    [`${base}/requests/new`, "Submit a report"],
  ] as const;
  return (
    <div className="space-y-6">
      <nav
        aria-label={`${m.name} public portal`}
        className="-mt-2 flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-200 pb-3 text-sm"
      >
        {links.map(([href, text]) => (
          <Link key={href} href={href} className="text-brand-700 hover:underline focus-visible:underline">
            {text}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
