// The public portal's list of any record type: the public group's view through lib/data (even for
// signed-in staff), the filters the registry offers the public, as a table or as cards.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { recordsOf } from "@/lib/data/record-store";
import { unusedVariants } from "@/lib/data/create-options";
import { parseListParams, type RawParams } from "@/lib/http/list-params";
import type { RecordModel } from "@/lib/records";
import { label } from "@/lib/records/labels";
import { listQuerySchema } from "@/lib/records/list";
import { clearFiltersHref, Empty, Pager } from "@/app/_components/pager";
import { DataTable } from "@/app/_components/data-table";
import { ErrorState, FilterBar, type Filter } from "@/app/_components/filter-bar";
import { portalMunicipality, anonymousViewer } from "@/app/m/[slug]/portal";
import { filterBarOf } from "./filters";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> };

/** `aside`: more about the same records between the filters and the list (the requests' map). */
export function portalListPage(
  model: RecordModel,
  opts: { aside?: (m: { id: string; slug: string; name: string }, sp: RawParams) => ReactNode } = {},
) {
  const records = recordsOf(model);
  const { def } = records;
  const portal = def.portal;
  const metadata: Metadata = { title: portal.title };
  const keys = ["q", ...portal.filters, "sort", "dir", "page", "pageSize"];
  async function Page({ params, searchParams }: Props) {
    const m = await portalMunicipality((await params).slug);
    const sp = await searchParams;
    // The portal's own page size unless the visitor chose one (validated by the list schema).
    const sized = typeof sp.pageSize === "string" && sp.pageSize !== "";
    const parsed = parseListParams(listQuerySchema(def), sp, keys, {
      municipalityId: m.id,
      ...(sized ? {} : { pageSize: portal.pageSize }),
    });
    const page = parsed.ok ? await records.list(await anonymousViewer(), parsed.query) : null;
    const base = `/m/${m.slug}/${def.paths.page}`;
    // A free-text filter with no options of its own (a district): the districts public reports name.
    const districts: Filter[] =
      portal.filters.includes("area") && m.districts.length > 0
        ? [{ kind: "select", name: "area", label: "Area", options: m.districts.map((d) => [d, d] as const) }]
        : [];
    return (
      <div className="space-y-6">
        <header>
          <p className="text-sm text-slate-500">{m.name}</p>
          <h1 className="text-2xl font-semibold text-brand-900">{portal.title}</h1>
          {portal.intro && <p className="text-slate-600">{portal.intro}</p>}
        </header>
        <FilterBar
          ariaLabel={`Filter ${portal.title.toLowerCase()}`}
          resetHref={base}
          values={parsed.values}
          keep={{ sort: parsed.values.sort, dir: parsed.values.dir }}
          filters={filterBarOf(def, portal.filters, districts, unusedVariants(model, m))}
        />
        {opts.aside?.(m, sp)}
        {!page ? (
          <ErrorState resetHref={base}>These filters are not valid.</ErrorState>
        ) : page.rows.length === 0 ? (
          <Empty clearHref={clearFiltersHref(base, parsed.values, ["q", ...portal.filters])}>{portal.empty}</Empty>
        ) : portal.columns ? (
          <DataTable
            caption={`Public ${def.names.many.toLowerCase()} of ${m.name}`}
            columns={portal.columns.map((c) =>
              // A linked column opens the record's public page by that field (a request's reference).
              c.link
                ? { ...c, href: (r: Record<string, unknown>) => `${base}/${encodeURIComponent(String(r[c.field]))}` }
                : c,
            )}
            rows={page.rows}
            params={parsed.values}
            sort={parsed.ok ? String(parsed.query.sort) : undefined}
            dir={parsed.ok ? (parsed.query.dir as "asc" | "desc") : undefined}
          />
        ) : (
          <ul className={portal.card?.subtitle ? "grid gap-3 sm:grid-cols-2 lg:grid-cols-3" : "space-y-2"}>
            {page.rows.map((row) => (
              <PortalCard
                key={row.id}
                row={row as Record<string, unknown> & { id: string }}
                card={portal.card!}
                href={`${base}/${row.id}`}
              />
            ))}
          </ul>
        )}
        <Pager
          list={page}
          params={parsed.values}
          noun={portal.noun ?? def.names.plural}
          pageSize={parsed.ok ? Number(parsed.query.pageSize) : undefined}
        />
      </div>
    );
  }
  return { metadata, Page };
}

type Card = NonNullable<ReturnType<typeof recordsOf>["def"]["portal"]["card"]>;

/** One record as a card: only the fields the card names, whatever else the public view allows. */
function PortalCard({ row, card, href }: { row: Record<string, unknown> & { id: string }; card: Card; href: string }) {
  const text = (f: string) => (typeof row[f] === "string" ? (row[f] as string) : "");
  const eyebrow = card.eyebrow
    .map((f, i) => (i === 0 ? label(row[f]) : text(f)))
    .filter(Boolean)
    .join(" · ");
  const [first, ...rest] = card.subtitle ?? [];
  const subtitle = first && text(first) ? [text(first), ...rest.map(text)].filter(Boolean).join(" · ") : "";
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="text-xs uppercase tracking-wide text-slate-500">{eyebrow}</p>
      <h2 className="font-semibold">
        {card.link ? (
          <Link href={href} className="text-brand-700 underline">
            {text(card.title)}
          </Link>
        ) : (
          text(card.title)
        )}
      </h2>
      {subtitle && <p className="text-sm text-slate-500">{subtitle}</p>}
      {card.body && <p className="text-sm text-slate-700">{text(card.body)}</p>}
    </li>
  );
}
