// CSV responses for record lists. Rows arrive already projected by lib/data to the fields the
// viewer may read; columns are exactly the fields present, so the file cannot hold more than the
// screen would show.
import "server-only";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { columnsOf, toCsv } from "./csv";

export const MAX_EXPORT_ROWS = 10_000;

/** Pages through a list function until it ends or the cap is reached. */
export async function collectPages<T>(
  list: (page: number) => Promise<{ rows: T[]; pageCount: number }>,
  max = MAX_EXPORT_ROWS,
): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; rows.length < max; page++) {
    const p = await list(page);
    rows.push(...p.rows);
    if (page >= p.pageCount) break;
  }
  return rows.slice(0, max);
}

export function csvResponse(
  model: keyof typeof MODEL_FIELDS,
  rows: Record<string, unknown>[],
  filename: string,
): Response {
  return csvFileResponse(toCsv(rows, columnsOf(rows, MODEL_FIELDS[model])), filename);
}

/** A CSV text as a download named `filename`, never cached or sniffed as anything else. */
export function csvFileResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
