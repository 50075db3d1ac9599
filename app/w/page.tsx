import { GroupNames } from "@/app/_components/group-names";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-session";
import { workspaceMunicipalities } from "@/lib/data/municipalities";
import { ownAccessStates } from "@/lib/data/own-access";
import { AccessStateNotice, AccessStatePage } from "@/app/_components/access-state";

export const metadata: Metadata = { title: "Workspace" };

export default async function WorkspaceHome() {
  const { principal } = await requireUser();
  // A citizen account has no workspace, and is not told about one (its home is /my).
  if (principal.isCitizen) notFound();
  const [munis, refused] = await Promise.all([workspaceMunicipalities(principal), ownAccessStates(principal)]);
  // No workspace at all: the page is the one refusal there is (or "no membership"), in its own words.
  if (munis.length === 0 && refused.length <= 1)
    return (
      <AccessStatePage refusal={refused[0] ?? { status: "NONE" }} signedInAs={principal.email}>
        <Link href="/account" className="text-brand-700 underline">
          Your account
        </Link>
      </AccessStatePage>
    );
  // Nothing to choose between and nothing refused to tell: straight to the one municipality.
  if (munis.length === 1 && refused.length === 0) redirect(`/w/${munis[0]!.slug}`);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold text-brand-900">Your workspace</h1>
        <p className="text-slate-600">Signed in as {principal.email}</p>
      </header>
      {munis.length > 0 && (
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
      {refused.map((r) => (
        <AccessStateNotice key={r.slug} refusal={r} heading={2} />
      ))}
    </div>
  );
}
