import type { Metadata } from "next";
import { heritageSiteListQuery, listHeritageSites } from "@/lib/data/heritage-sites";
import { HERITAGE_LIST_KEYS, parseListParams, type RawParams } from "@/lib/http/list-params";
import { HeritageKind } from "@/lib/schemas/enums";
import { Empty, Pager } from "@/app/_components/pager";
import { label } from "@/app/_components/format";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";
import { portalMunicipality, publicViewer } from "../portal";

export const metadata: Metadata = { title: "Heritage" };

export default async function PublicHeritagePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> }) {
  const m = await portalMunicipality((await params).slug);
  const parsed = parseListParams(heritageSiteListQuery, await searchParams, HERITAGE_LIST_KEYS, { municipalityId: m.id, pageSize: 24 });
  const page = parsed.ok ? await listHeritageSites(await publicViewer(), parsed.query) : null;
  const base = `/m/${m.slug}/heritage`;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">{m.name}</p>
        <h1 className="text-2xl font-semibold text-brand-900">Heritage</h1>
        <p className="text-slate-600">Protected places by district. Exact locations are not published, so that sensitive sites cannot be looted.</p>
      </header>
      <FilterBar ariaLabel="Filter heritage sites" resetHref={base} values={parsed.values} filters={[{ kind: "search", name: "q", label: "Search", placeholder: "Name or district" }, { kind: "select", name: "kind", label: "Kind", options: Object.values(HeritageKind) }]} />
      {!page ? <ErrorState resetHref={base}>These filters are not valid.</ErrorState> : page.rows.length === 0 ? <Empty>No public heritage sites match.</Empty> : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {page.rows.map((s) => (
            // District only, whatever else the public policy allows on this row: the portal never renders a location.
            <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-xs uppercase tracking-wide text-slate-500">{label(s.kind)} · {s.district}</p>
              <h2 className="font-semibold">{s.name}</h2>
              {s.period && <p className="text-sm text-slate-500">{s.period}{s.designation ? ` · ${s.designation}` : ""}</p>}
              <p className="text-sm text-slate-700">{s.summary}</p>
            </li>
          ))}
        </ul>
      )}
      {page && <Pager page={page.page} pageCount={page.pageCount} total={page.total} params={parsed.values} noun="sites" />}
    </div>
  );
}
