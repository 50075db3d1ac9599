// A table of rows a page renders itself (its cells differ per page), with the markup every such
// table shares: a screen-reader caption and column headers with scope="col". "framed" tables stand
// alone on a page (bordered, scrolling sideways); "plain" ones sit inside a section.
import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

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
  return framed ? (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">{table}</div>
  ) : (
    table
  );
}
