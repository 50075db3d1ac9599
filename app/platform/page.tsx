import { groupLabels } from "@/lib/policy/summary";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePlatformPage } from "@/lib/pages/scope";
import { platformOverview } from "@/lib/data/platform-municipalities";
import { NewMunicipalityLink, PlatformPage } from "./platform-page";

export const metadata: Metadata = { title: "Platform console" };

export default async function PlatformHome() {
  const { viewer, principal } = await requirePlatformPage();
  const o = await platformOverview(viewer);
  const waiting = `${o.pendingGrants} change${o.pendingGrants === 1 ? "" : "s"} waiting for approval`;
  const tiles = [
    ["/platform/municipalities", "Municipalities", `${o.active} active · ${o.archived} archived`],
    ["/platform/people", "People", `${o.people} accounts across all municipalities`],
    ["/platform/grants", "Platform groups", waiting],
    ["/platform/audit", "Audit log", "Every event, in every municipality"],
  ] as const;
  const heading = (
    <div>
      <h1 className="text-2xl font-semibold text-brand-900">Platform console</h1>
      <p className="break-words text-slate-600">
        Signed in as {principal.email} ({groupLabels(principal.platformGroups)})
      </p>
    </div>
  );
  return (
    <PlatformPage current="overview" title={heading} action={<NewMunicipalityLink />}>
      <ul className="grid gap-4 sm:grid-cols-2" aria-label="Sections">
        {tiles.map(([href, title, text]) => (
          <li key={href}>
            <Link
              href={href}
              className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-600"
            >
              <h2 className="text-lg font-semibold text-brand-900">{title}</h2>
              <p className="text-sm text-slate-600">{text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </PlatformPage>
  );
}
