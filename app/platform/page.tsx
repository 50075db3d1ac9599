import type { Metadata } from "next";
import Link from "next/link";
import { requirePlatformPage } from "@/lib/pages/scope";
import { platformOverview } from "@/lib/data/platform-municipalities";
import { PlatformNav } from "./platform-nav";

export const metadata: Metadata = { title: "Platform console" };

export default async function PlatformHome() {
  const { viewer, principal } = await requirePlatformPage();
  const o = await platformOverview(viewer);
  const tiles = [
    ["/platform/municipalities", "Municipalities", `${o.active} active · ${o.archived} archived`],
    ["/platform/people", "People", `${o.people} accounts across all municipalities`],
    [
      "/platform/grants",
      "Platform groups",
      `${o.pendingGrants} change${o.pendingGrants === 1 ? "" : "s"} waiting for approval`,
    ],
    ["/platform/audit", "Audit log", "Every event, in every municipality"],
  ] as const;
  return (
    <div className="space-y-6">
      <PlatformNav current="overview" />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-brand-900">Platform console</h1>
          <p className="text-slate-600">
            Signed in as {principal.email} ({principal.platformGroups.join(", ")})
          </p>
        </div>
        <Link
          href="/platform/municipalities/new"
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          New municipality
        </Link>
      </div>
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
    </div>
  );
}
