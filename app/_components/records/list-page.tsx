// The workspace list of any record type: filters in the URL, rows and fields through lib/data,
// the registry's columns (a column nobody on the page may read is left out), create and export
// buttons only when the policies allow them.
import type { Metadata } from "next";
import { recordsOf } from "@/lib/data/record-store";
import { canExportIn } from "@/lib/data/export-scope";
import { creatableVariants, unusedVariants } from "@/lib/data/create-options";
import { parseListParams, type RawParams } from "@/lib/http/list-params";
import type { RecordModel } from "@/lib/records";
import { listKeys, listQuerySchema } from "@/lib/records/list";
import { requireWorkspacePage } from "@/lib/pages/scope";
import { clearFiltersHref, Empty, Pager } from "@/app/_components/pager";
import { DataTable, visibleColumns, type Column } from "@/app/_components/data-table";
import { ErrorState, FilterBar } from "@/app/_components/filter-bar";
import { ListHeader } from "@/app/_components/list-header";
import { filterBarOf } from "./filters";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> };

/** The workspace navigation link that stands for the type (lib/data/workspace.ts). */
const LINKS = { ServiceRequest: "requests", HeritageSite: "heritage", Document: "documents" } as const satisfies Record<
  RecordModel,
  string
>;

export function workspaceListPage(model: RecordModel) {
  const records = recordsOf(model);
  const { def } = records;
  const metadata: Metadata = { title: def.names.many };
  async function Page({ params, searchParams }: Props) {
    const { slug } = await params;
    // Analysts (statistics only) and others without record access get "not found", not an empty list.
    const { viewer, ws } = await requireWorkspacePage(slug, LINKS[model]);
    const parsed = parseListParams(listQuerySchema(def), await searchParams, listKeys(def), {
      municipalityId: ws.municipality.id,
    });
    const page = parsed.ok ? await records.list(viewer, parsed.query) : null;
    const base = `/w/${slug}/${def.paths.page}`;
    const unused = unusedVariants(model, ws.municipality);
    const newLabel = creatableVariants(viewer, model, ws.municipality.id, unused).length > 0 && def.names.newButton;
    const columns: Column[] = def.list.columns.map((c) => ({
      ...c,
      ...(c.link ? { href: (r: Record<string, unknown>) => `${base}/${String(r.id)}` } : {}),
    }));
    return (
      <div className="space-y-6">
        <ListHeader
          base={base}
          home={{ href: `/w/${slug}`, name: ws.municipality.name }}
          title={def.names.many}
          values={parsed.values}
          newLabel={newLabel}
          canExport={canExportIn(viewer, model, ws.municipality.id)}
        />
        <FilterBar
          ariaLabel={`Filter ${def.names.many.toLowerCase()}`}
          resetHref={base}
          values={parsed.values}
          keep={{ sort: parsed.values.sort, dir: parsed.values.dir }}
          filters={filterBarOf(def, Object.keys(def.list.filters), [], unused)}
        />
        {!page ? (
          <ErrorState resetHref={base}>These filters are not valid.</ErrorState>
        ) : page.rows.length === 0 ? (
          <Empty clearHref={clearFiltersHref(base, parsed.values, ["q", ...Object.keys(def.list.filters)])}>
            <p>{def.list.empty}</p>
            {newLabel && <p className="mt-1">Add the first one with “{newLabel}” above.</p>}
          </Empty>
        ) : (
          <DataTable
            caption={`${def.names.many} of ${ws.municipality.name}`}
            rows={page.rows}
            params={parsed.values}
            columns={visibleColumns(columns, page.rows, def.list.always)}
            sort={parsed.ok ? String(parsed.query.sort) : undefined}
            dir={parsed.ok ? (parsed.query.dir as "asc" | "desc") : undefined}
          />
        )}
        <Pager
          list={page}
          params={parsed.values}
          noun={def.names.plural}
          pageSize={parsed.ok ? Number(parsed.query.pageSize) : undefined}
        />
      </div>
    );
  }
  return { metadata, Page };
}
