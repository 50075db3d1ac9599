// CSV export of exactly what the viewer may read: the safe replacement for docs/requirements.md#staff-accounts's SQL tool.
// Text cells that start with =, +, - or @ are prefixed so spreadsheets do not run them as formulas;
// a number stays a number (-12.5 is no formula; a clip's longitudes stay numbers).
function cell(v: unknown): string {
  let s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  if (typeof v !== "number" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A header and rows of cells as CSV; the header is escaped like any cell (a clip's column names are anyone's words). */
export function csvTable(header: readonly unknown[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  return csvTable(
    columns,
    rows.map((r) => columns.map((c) => r[c])),
  );
}

/** Columns present in any row, in a stable order. */
export function columnsOf(rows: Record<string, unknown>[], preferred: readonly string[]): string[] {
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  return [...preferred.filter((c) => present.has(c)), ...[...present].filter((c) => !preferred.includes(c)).sort()];
}
