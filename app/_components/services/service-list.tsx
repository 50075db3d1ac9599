// The list of connected services, on both consoles: filtered, sorted and paged by the server
// (lib/data/services.ts listServices) through the URL, so it works without JavaScript. The platform
// console adds whose service each one is and a filter by municipality.
import Link from "next/link";
import type { listServices } from "@/lib/data/services";
import { DataTable, type Column } from "@/app/_components/data-table";
import { FilterBar, type Filter } from "@/app/_components/filter-bar";
import { clearFiltersHref, Empty, Pager } from "@/app/_components/pager";

type Listed = Awaited<ReturnType<typeof listServices>>;

export function RegisterServiceLink({ href }: { href: string }) {
  return (
    <Link
      href={href}
      prefetch={false}
      className="inline-block rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
    >
      Register a service
    </Link>
  );
}

export function ServiceList({
  list,
  params,
  base,
  owners,
}: {
  list: Listed;
  params: Record<string, string | undefined>;
  /** The list's own path; the detail pages are `${base}/<id>`, registering `${base}/new`. */
  base: string;
  /** Platform console: the municipalities to filter by, and each service's owner in words. */
  owners?: { choices: { id: string; name: string }[]; nameOf: (municipalityId: string | null) => string };
}) {
  const filters: Filter[] = [
    { kind: "search", name: "q", label: "Name or kind" },
    {
      kind: "select",
      name: "state",
      label: "State",
      anyLabel: "Enabled and disabled",
      options: [
        ["enabled", "Enabled"],
        ["disabled", "Disabled"],
      ],
    },
  ];
  if (owners)
    filters.push({
      kind: "select",
      name: "municipality",
      label: "Municipality",
      anyLabel: "All",
      options: [["platform", "Platform-wide"], ...owners.choices.map((m) => [m.id, m.name] as const)],
    });
  const columns: Column[] = [
    { field: "name", label: "Name", sort: "name", href: (r) => `${base}/${String(r.id)}` },
    { field: "slug", label: "Kind", sort: "slug", mono: true },
    ...(owners ? [{ field: "owner", label: "Belongs to" }] : []),
    { field: "state", label: "State" },
    { field: "signedIn", label: "People signed in" },
    { field: "createdAt", label: "Registered", sort: "createdAt" },
  ];
  const filtered = clearFiltersHref(base, params, ["q", "state", "municipality"]);
  return (
    <div className="space-y-4">
      <FilterBar
        ariaLabel="Filter services"
        resetHref={base}
        values={params}
        keep={{ sort: params.sort, dir: params.dir }}
        filters={filters}
      />
      {list.rows.length === 0 ? (
        <Empty clearHref={filtered}>
          <p className="font-medium text-slate-800">No connected service yet.</p>
          <p className="mt-1 max-w-prose">
            A connected service is another application — building permits, maps, the intranet — that staff sign into
            with their Gatehouse account. Gatehouse tells it who they are and what they may do, and signs them out of it
            the moment their access ends.
          </p>
          <p className="mt-3">
            <RegisterServiceLink href={`${base}/new`} />
          </p>
        </Empty>
      ) : (
        <DataTable
          caption="Connected services"
          params={params}
          sort={list.query.sort}
          dir={list.query.dir}
          columns={columns}
          rows={list.rows.map((s) => ({
            id: s.id,
            name: s.name,
            slug: s.slug,
            owner: owners?.nameOf(s.municipalityId) ?? "",
            state: s.disabledAt ? "Disabled" : "Enabled",
            signedIn: s.signedIn,
            createdAt: s.createdAt.toISOString().slice(0, 10),
          }))}
        />
      )}
      <Pager list={list} params={params} noun="services" pageSize={list.pageSize} />
    </div>
  );
}
