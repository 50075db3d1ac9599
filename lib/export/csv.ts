// CSV export of exactly what the viewer may read: the safe replacement for docs/requirements.md#staff-accounts's SQL tool.
// Cells that start with =, +, - or @ are prefixed so spreadsheets do not run them as formulas.
export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** Columns present in any row, in a stable order. */
export function columnsOf(rows: Record<string, unknown>[], preferred: readonly string[]): string[] {
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  return [...preferred.filter((c) => present.has(c)), ...[...present].filter((c) => !preferred.includes(c)).sort()];
}
