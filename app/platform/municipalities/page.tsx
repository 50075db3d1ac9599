import type { Metadata } from "next";
import Link from "next/link";
import { requirePlatformPage, orInvalid } from "@/lib/pages/scope";
import { listPlatformMunicipalities } from "@/lib/data/platform-municipalities";
import { firstValues } from "@/lib/http/search-params";
import { DataTable } from "@/app/_components/data-table";
import { FilterBar } from "@/app/_components/filter-bar";
import { Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { PlatformNav } from "../platform-nav";

export const metadata: Metadata = { title: "Municipalities" };
const KEYS = ["q", "status", "sort", "dir", "page"] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MunicipalitiesPage({ searchParams }: Props) {
  const q = firstValues(await searchParams, KEYS);
  const { viewer } = await requirePlatformPage();
  const listed = await orInvalid(listPlatformMunicipalities(viewer, q as never));
  if (!listed.ok) return <InvalidQuery message={listed.invalid} />;
  const list = listed.value;
  return (
    <div className="space-y-6">
      <PlatformNav current="municipalities" />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold text-brand-900">Municipalities</h1>
        <Link
          href="/platform/municipalities/new"
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          New municipality
        </Link>
      </div>
      <FilterBar
        ariaLabel="Filter municipalities"
        resetHref="/platform/municipalities"
        values={q}
        keep={{ sort: q.sort, dir: q.dir }}
        filters={[
          { kind: "search", name: "q", label: "Name, web address or region" },
          {
            kind: "select",
            name: "status",
            label: "Status",
            anyLabel: "Active",
            options: [
              ["archived", "Archived"],
              ["all", "Active and archived"],
            ],
          },
        ]}
      />
      {list.rows.length === 0 ? (
        <Empty>No municipality matches.</Empty>
      ) : (
        <DataTable
          caption="Municipalities"
          params={q}
          sort={list.query.sort}
          dir={list.query.dir}
          columns={[
            { field: "name", label: "Name", sort: "name", href: (r) => `/platform/municipalities/${String(r.slug)}` },
            { field: "slug", label: "Web address", sort: "slug", mono: true },
            { field: "region", label: "Region", sort: "region" },
            { field: "domains", label: "Email domains" },
            { field: "people", label: "People" },
            { field: "departments", label: "Departments" },
            { field: "state", label: "Status" },
            { field: "createdAt", label: "Created", sort: "createdAt" },
          ]}
          rows={list.rows.map((m) => ({
            ...m,
            domains: m.emailDomains.join(", ") || "—",
            state: m.archivedAt ? `Archived ${m.archivedAt.toISOString().slice(0, 10)}` : "Active",
            createdAt: m.createdAt.toISOString().slice(0, 10),
          }))}
        />
      )}
      <Pager list={list} params={q} noun="municipalities" />
    </div>
  );
}
