import type { Metadata } from "next";
import Link from "next/link";
import { getStatistics } from "@/lib/data/statistics";
import { StatsPanel } from "@/app/_components/stats-panel";
import { requireWorkspacePage } from "@/lib/pages/scope";
import type { Workspace } from "@/lib/data/workspace";
import type { Viewer } from "@/lib/identity/viewer";
import { groupLabel } from "@/lib/policy/summary";

export const metadata: Metadata = { title: "Workspace" };

/** The workspace's sections in the order shown, one tile each where the person's links allow it. */
const SECTIONS: Record<keyof Workspace["links"], { href: (slug: string) => string; title: string; text: string }> = {
  requests: {
    href: (s) => `/w/${s}/requests`,
    title: "Service requests",
    text: "Citizens' reports: triage, assign, resolve.",
  },
  heritage: { href: (s) => `/w/${s}/heritage`, title: "Heritage sites", text: "The inventory of protected places." },
  documents: { href: (s) => `/w/${s}/documents`, title: "Documents", text: "Regulations, guidance and links." },
  statistics: {
    href: (s) => `/w/${s}/stats`,
    title: "Statistics",
    text: "Counts by category, status and month; time to resolve.",
  },
  clips: {
    href: (s) => `/w/${s}/clips`,
    title: "Clips",
    text: "Your own read-only SQL on records cleared of personal information.",
  },
  people: { href: (s) => `/admin/${s}/people`, title: "People", text: "Members, approvals, deactivation." },
};

/** The groups the person holds here, by label: platform groups first, then the membership's. */
function groupsHere(viewer: Viewer, municipalityId: string): string {
  if (viewer.principal.kind !== "user") return "none";
  const { platformGroups, memberships } = viewer.principal;
  const names = [...platformGroups, ...(memberships.find((m) => m.municipalityId === municipalityId)?.groups ?? [])];
  return names.map((g) => groupLabel(g)).join(", ") || "none";
}

export default async function MunicipalityWorkspace({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  const stats = ws.links.statistics ? await getStatistics(viewer, ws.municipality.id, { scope: "internal" }) : null;
  const tiles = (Object.keys(SECTIONS) as (keyof typeof SECTIONS)[])
    .filter((link) => ws.links[link])
    .map((link) => ({ ...SECTIONS[link], href: SECTIONS[link].href(slug) }));
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold text-brand-900">{ws.municipality.name}</h1>
        <p className="text-slate-600">Signed in as {viewer.principal.kind === "user" ? viewer.principal.email : ""}</p>
        <p className="text-slate-600">Your groups here: {groupsHere(viewer, ws.municipality.id)}</p>
      </header>
      {tiles.length > 0 && (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Sections">
          {tiles.map((t) => (
            <li key={t.href}>
              <Link
                href={t.href}
                className="block h-full rounded-lg border border-slate-200 bg-white p-5 hover:border-brand-600"
              >
                <h2 className="font-semibold text-brand-900">{t.title}</h2>
                <p className="text-sm text-slate-600">{t.text}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {stats && <StatsPanel stats={stats} noun="requests" headingId="stats-h" heading="Internal statistics" />}
    </div>
  );
}
