// A table of rows a page renders itself (its cells differ per page), with the markup every such
// table shares: a screen-reader caption and column headers with scope="col". "framed" tables stand
// alone on a page (bordered, scrolling sideways); "plain" ones sit inside a section.
import { Fragment, isValidElement, useId, type ReactElement, type ReactNode } from "react";

/** A header cell: its text, a header only screen readers read, or a ready <th> (a sort link). */
export type Header = string | { srOnly: string } | ReactElement;

export function SimpleTable({
  caption,
  headers,
  children,
  look = "framed",
}: {
  caption: ReactNode;
  headers: Header[];
  children: ReactNode;
  look?: "framed" | "plain";
}) {
  const framed = look === "framed";
  const captionId = useId();
  const table = (
    <table className="min-w-full text-sm">
      <caption id={captionId} className="sr-only">
        {caption}
      </caption>
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
  return framed ? (
    // A region that scrolls sideways takes focus, so a keyboard can scroll it too (WCAG 2.1.1).
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      {table}
    </div>
  ) : (
    table
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
  caption: ReactNode;
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
