import type { Metadata } from "next";
import { listPlatformMunicipalities } from "@/lib/data/platform-municipalities";
import { DataTable } from "@/app/_components/data-table";
import { FilterBar } from "@/app/_components/filter-bar";
import { clearFiltersHref, Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { NewMunicipalityLink, PlatformPage, platformList, type SearchParamsProps } from "../platform-page";

export const metadata: Metadata = { title: "Municipalities" };

const COLUMNS = [
  {
    field: "name",
    label: "Name",
    sort: "name",
    href: (r: Record<string, unknown>) => `/platform/municipalities/${String(r.slug)}`,
  },
  { field: "slug", label: "Web address", sort: "slug", mono: true },
  { field: "region", label: "Region", sort: "region" },
  { field: "domains", label: "Email domains" },
  { field: "people", label: "People" },
  { field: "departments", label: "Departments" },
  { field: "state", label: "Status" },
  { field: "createdAt", label: "Created", sort: "createdAt" },
];

export default async function MunicipalitiesPage({ searchParams }: SearchParamsProps) {
  const { q, listed } = await platformList(
    searchParams,
    ["q", "status", "sort", "dir", "page", "pageSize"],
    (viewer, query) => listPlatformMunicipalities(viewer, query as never),
  );
  if (!listed.ok) return <InvalidQuery message={listed.invalid} />;
  const list = listed.value;
  const status = { kind: "select", name: "status", label: "Status", anyLabel: "Active" } as const;
  return (
    <PlatformPage current="municipalities" title="Municipalities" action={<NewMunicipalityLink />}>
      <FilterBar
        ariaLabel="Filter municipalities"
        resetHref="/platform/municipalities"
        values={q}
        keep={{ sort: q.sort, dir: q.dir }}
        filters={[
          { kind: "search", name: "q", label: "Name, web address or region" },
          {
            ...status,
            options: [
              ["archived", "Archived"],
              ["all", "Active and archived"],
            ],
          },
        ]}
      />
      {list.rows.length === 0 ? (
        <Empty clearHref={clearFiltersHref("/platform/municipalities", q, ["q", "status"])}>
          No municipality yet. Create the first one with “New municipality”.
        </Empty>
      ) : (
        <DataTable
          caption="Municipalities"
          params={q}
          sort={list.query.sort}
          dir={list.query.dir}
          columns={COLUMNS}
          rows={list.rows.map((m) => ({
            ...m,
            domains: m.emailDomains.join(", ") || "—",
            state: m.archivedAt ? `Archived ${m.archivedAt.toISOString().slice(0, 10)}` : "Active",
            createdAt: m.createdAt.toISOString().slice(0, 10),
          }))}
        />
      )}
      <Pager list={list} params={q} noun="municipalities" pageSize={list.pageSize} />
    </PlatformPage>
  );
}
