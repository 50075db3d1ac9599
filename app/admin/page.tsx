import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-session";
import { adminMunicipalities, administrationHref } from "@/lib/people/admin-scope";

export const metadata: Metadata = { title: "Administration" };

// Which municipality to administer: only those whose people the person may see; with one, straight
// there; with none, "not found" like any administration page outside their reach.
export default async function AdministrationChooser() {
  const { viewer } = await requireUser();
  const munis = await adminMunicipalities(viewer);
  if (munis.length === 0) notFound();
  if (munis.length === 1) redirect(administrationHref(munis)!);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-brand-900">Administration</h1>
      <p className="text-slate-600">Choose the municipality to administer.</p>
      <ul aria-label="Municipalities you administer" className="grid gap-4 sm:grid-cols-2">
        {munis.map((m) => (
          <li key={m.slug} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="text-lg font-semibold">
              <Link href={`/admin/${m.slug}/people`} className="text-brand-900 hover:underline">
                {m.name}
              </Link>
            </h2>
          </li>
        ))}
      </ul>
    </div>
  );
}
