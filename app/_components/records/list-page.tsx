// The workspace list of any record type: filters in the URL, rows and fields through lib/data,
// the registry's columns (a column nobody on the page may read is left out), create and export
// buttons only when the policies allow them.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import type { Viewer } from "@/lib/identity/viewer";
import { filterChoices, type ChoiceKind, type Choices } from "@/lib/data/list-choices";
import { tagLabelsOf, type TagChoice } from "@/lib/data/request-tags";
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
import { fieldLabel } from "@/app/_components/format";
import { HiddenFieldsNote } from "@/app/_components/view-as/hidden-field";
import { hiddenFieldReasons } from "@/lib/people/explain";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> };

/** The workspace navigation link that stands for the type (lib/data/workspace.ts). */
const LINKS = { ServiceRequest: "requests", HeritageSite: "heritage", Document: "documents" } as const satisfies Record<
  RecordModel,
  string
>;

/** What a list's bulk bar gets: the rows of the page (their checkboxes point at `formId`) and the filter choices. */
export type ListBulkProps = {
  slug: string;
  viewer: Viewer;
  municipalityId: string;
  formId: string;
  rows: Record<string, unknown>[];
  choices: Choices;
};
/** A bulk change of a type's list: the form that the rows' checkboxes belong to (null: nothing the viewer may change). */
export type ListBulk = { formId: string; Bar: (props: ListBulkProps) => Promise<ReactNode> | ReactNode };
/** Views of the list above its filters (e.g. "Assigned to me"): links that set filters. */
export type ListViews = (props: { base: string; values: Record<string, string | undefined> }) => ReactNode;

export function workspaceListPage(model: RecordModel, opts: { bulk?: ListBulk; views?: ListViews } = {}) {
  const records = recordsOf(model);
  const { def } = records;
  const metadata: Metadata = { title: def.names.many };
  const kinds = [
    ...new Set(Object.values(def.list.filters).flatMap((f) => (f.choices ? [f.choices as ChoiceKind] : []))),
  ];
  async function Page({ params, searchParams }: Props) {
    const { slug } = await params;
    // Analysts (statistics only) and others without record access get "not found", not an empty list.
    const { viewer, ws } = await requireWorkspacePage(slug, LINKS[model]);
    const parsed = parseListParams(listQuerySchema(def), await searchParams, listKeys(def), {
      municipalityId: ws.municipality.id,
    });
    const [page, choices] = await Promise.all([
      parsed.ok ? records.list(viewer, parsed.query) : null,
      filterChoices(viewer, ws.municipality, kinds),
    ]);
    // Tags by their names (those the viewer may read), never their ids.
    const tagList: TagChoice[] = (choices.tags ?? []).map(([id, label]) => ({ id, label, archived: false }));
    const rows = (page?.rows ?? []).map((r: Record<string, unknown> & { id: string }) =>
      Array.isArray(r.tags) ? { ...r, tags: tagLabelsOf(tagList, r.tags).join(", ") || "—" } : r,
    );
    const base = `/w/${slug}/${def.paths.page}`;
    const unused = unusedVariants(model, ws.municipality);
    const newLabel = creatableVariants(viewer, model, ws.municipality.id, unused).length > 0 && def.names.newButton;
    const columns: Column[] = def.list.columns.map((c) => ({
      ...c,
      ...(c.link ? { href: (r: Record<string, unknown>) => `${base}/${String(r.id)}` } : {}),
    }));
    const shown = visibleColumns(columns, page?.rows ?? [], def.list.always);
    // View as (lib/auth/view-as.ts): the same rows and columns the person sees, each hidden field with its rule.
    const viewAs = viewer.principal.kind === "user" ? viewer.principal.viewAs : undefined;
    const hiddenWhy = viewAs ? await hiddenFieldReasons(viewer, model, ws.municipality.id) : undefined;
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
        {opts.views && <opts.views base={base} values={parsed.values} />}
        <FilterBar
          ariaLabel={`Filter ${def.names.many.toLowerCase()}`}
          resetHref={base}
          values={parsed.values}
          keep={{ sort: parsed.values.sort, dir: parsed.values.dir }}
          filters={filterBarOf(def, Object.keys(def.list.filters), [], unused, choices)}
        />
        {opts.bulk && page && page.rows.length > 0 && (
          <opts.bulk.Bar
            slug={slug}
            viewer={viewer}
            municipalityId={ws.municipality.id}
            formId={opts.bulk.formId}
            rows={page.rows}
            choices={choices}
          />
        )}
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
            rows={rows}
            params={parsed.values}
            columns={shown}
            hiddenWhy={hiddenWhy}
            sort={parsed.ok ? String(parsed.query.sort) : undefined}
            dir={parsed.ok ? (parsed.query.dir as "asc" | "desc") : undefined}
            {...(opts.bulk
              ? {
                  select: {
                    form: opts.bulk.formId,
                    label: (r: Record<string, unknown>) => `Select ${String(r[def.detail.title] ?? "")}`,
                  },
                }
              : {})}
          />
        )}
        {viewAs && page && page.rows.length > 0 && (
          <HiddenFieldsNote
            name={viewAs.targetName}
            fields={columns
              .filter((c) => !shown.includes(c))
              .map((c) => ({ field: c.field, label: c.label ?? fieldLabel(c.field), why: hiddenWhy?.[c.field] }))}
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
