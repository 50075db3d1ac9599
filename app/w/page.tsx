import { GroupNames } from "@/app/_components/group-names";
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-session";
import { workspaceMunicipalities } from "@/lib/data/municipalities";

export const metadata: Metadata = { title: "Workspace" };

export default async function WorkspaceHome() {
  const { principal } = await requireUser();
  const munis = await workspaceMunicipalities(principal);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold text-brand-900">Your workspace</h1>
        <p className="text-slate-600">Signed in as {principal.email}</p>
      </header>
      {munis.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          You have no active membership yet. If you were just invited, an administrator may still need to approve you.
        </p>
      ) : (
        <ul aria-label="Your municipalities" className="grid gap-4 sm:grid-cols-2">
          {munis.map((m) => (
            <li key={m.slug} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <h2 className="text-lg font-semibold">
                <Link href={`/w/${m.slug}`} className="text-brand-900 hover:underline">
                  {m.name}
                </Link>
              </h2>
              <p className="text-sm text-slate-600">
                Groups: <GroupNames names={m.groups} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
