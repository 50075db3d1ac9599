// A server-rendered table: sortable headers are plain links (the sort happens in the database,
// through searchParams), so it works without JavaScript and sends no row data to the client.
import Link from "next/link";
import { cell, fieldLabel } from "./format";
import { TableScroll } from "./simple-table";
import { StatusBadge, type StatusKind } from "./badge";
import { HiddenField } from "./view-as/hidden-field";

export type Column = {
  field: string;
  label?: string;
  /** The list's sort key for this column, when the server can sort by it. */
  sort?: string;
  /** Makes the cell a link (e.g. to the detail page). */
  href?: (row: Record<string, unknown>) => string;
  mono?: boolean;
  /** A status column: its value as a labelled badge. */
  badge?: StatusKind;
};

type Props = {
  caption: string;
  columns: Column[];
  rows: ({ id: string } & Record<string, unknown>)[];
  /** Current filters, kept in the sort links. */
  params: Record<string, string | undefined>;
  sort?: string;
  dir?: "asc" | "desc";
  /**
   * A checkbox per row (name `ids`, value the row's id) belonging to the form with this id, which
   * sits elsewhere on the page (a bulk change): `label` names the row for screen readers.
   */
  select?: { form: string; label: (row: Record<string, unknown>) => string };
  /** View as (lib/auth/view-as.ts): a field missing from a row shows "Hidden" and this rule, by field. */
  hiddenWhy?: Record<string, string>;
};

function sortHref(params: Record<string, string | undefined>, sort: string, dir: "asc" | "desc"): string {
  const keep = Object.entries(params).filter(([k, v]) => v && k !== "page" && k !== "sort" && k !== "dir") as [
    string,
    string,
  ][];
  return `?${new URLSearchParams([...keep, ["sort", sort], ["dir", dir]])}`;
}

export function DataTable({ caption, columns, rows, params, sort, dir, select, hiddenWhy }: Props) {
  return (
    <TableScroll label={caption}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            {select && (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Select</span>
              </th>
            )}
            {columns.map((c) => {
              const text = c.label ?? fieldLabel(c.field);
              const active = c.sort !== undefined && c.sort === sort;
              return (
                <th
                  key={c.field}
                  scope="col"
                  className="whitespace-nowrap px-3 py-2"
                  aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {c.sort ? (
                    <Link
                      href={sortHref(params, c.sort, active && dir === "desc" ? "asc" : "desc")}
                      className="hover:underline focus-visible:underline"
                    >
                      {text}
                      <span aria-hidden className="ml-1 text-slate-400">
                        {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
                      </span>
                      <span className="sr-only">
                        {active ? `, sorted ${dir === "asc" ? "ascending" : "descending"}` : ", sort"}
                      </span>
                    </Link>
                  ) : (
                    text
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100 align-top">
              {select && (
                <td className="px-3 py-2">
                  <input type="checkbox" name="ids" value={r.id} form={select.form} aria-label={select.label(r)} />
                </td>
              )}
              {columns.map((c) => {
                const present = c.field in r;
                if (!present && hiddenWhy)
                  return (
                    <td key={c.field} className="px-3 py-2">
                      <HiddenField why={hiddenWhy[c.field]} />
                    </td>
                  );
                const text = present ? cell(c.field, r[c.field]) : "—";
                return (
                  <td key={c.field} className={`px-3 py-2 ${c.mono ? "font-mono text-xs" : ""}`}>
                    {c.href && present ? (
                      <Link href={c.href(r)} className="text-brand-700 underline">
                        {text}
                      </Link>
                    ) : c.badge && present && r[c.field] ? (
                      <StatusBadge kind={c.badge} value={String(r[c.field])} />
                    ) : (
                      text
                    )}
                    {!present && <span className="sr-only"> (not visible to you)</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Columns the viewer may read on at least one row: a hidden field gets no column at all. */
export function visibleColumns(columns: Column[], rows: Record<string, unknown>[], always: string[] = []): Column[] {
  return columns.filter((c) => always.includes(c.field) || rows.some((r) => c.field in r));
}
