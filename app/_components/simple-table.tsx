// A table of rows a page renders itself (its cells differ per page), with the markup every such
// table shares: a screen-reader caption and column headers with scope="col". "framed" tables stand
// alone on a page (bordered); "plain" ones sit inside a section. Both scroll sideways inside
// themselves on a narrow screen.
import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

/**
 * Where a table scrolls sideways when it is wider than the screen (a phone), so the page itself
 * never does: a labelled region that takes focus, so keyboard users can scroll it too.
 */
export function TableScroll({
  label,
  framed = true,
  children,
}: {
  label: string;
  framed?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`relative max-w-full overflow-x-auto ${framed ? "rounded-lg border border-slate-200 bg-white" : ""}`}
    >
      {children}
    </div>
  );
}

/** A header cell: its text, a header only screen readers read, or a ready <th> (a sort link). */
export type Header = string | { srOnly: string } | ReactElement;

export function SimpleTable({
  caption,
  headers,
  children,
  look = "framed",
}: {
  caption: string;
  headers: Header[];
  children: ReactNode;
  look?: "framed" | "plain";
}) {
  const framed = look === "framed";
  const table = (
    <table className="min-w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className={framed ? "bg-slate-50 text-left" : "text-left"}>
        <tr>
          {headers.map((h, i) =>
            isValidElement(h) ? (
              <Fragment key={i}>{h}</Fragment>
            ) : (
              <th key={i} scope="col" className={framed ? "px-3 py-2" : undefined}>
                {typeof h === "string" ? h : <span className="sr-only">{h.srOnly}</span>}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return (
    <TableScroll label={caption} framed={framed}>
      {table}
    </TableScroll>
  );
}

/** A column of a PlainTable: its header, what each item shows in it, and the cell's classes. */
export type PlainColumn<T> = { header: Header; cell: (item: T) => ReactNode; className?: string };

/**
 * A "plain" table inside a section, one row per item and one cell per column, or the section's
 * `empty` line when there are no items.
 */
export function PlainTable<T extends { id: string }>({
  caption,
  columns,
  items,
  empty,
}: {
  caption: string;
  columns: readonly PlainColumn<T>[];
  items: readonly T[];
  empty: ReactNode;
}) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <SimpleTable caption={caption} look="plain" headers={columns.map((c) => c.header)}>
      {items.map((item) => (
        <tr key={item.id} className="border-t border-slate-100 align-top">
          {columns.map((c, i) => (
            <td key={i} className={c.className}>
              {c.cell(item)}
            </td>
          ))}
        </tr>
      ))}
    </SimpleTable>
  );
}
