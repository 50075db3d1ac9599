// Bulk invitations from a CSV upload (docs/requirements.md#staff-accounts at scale): each row goes through the same
// createInvitation as the form, so the same rules apply; good rows are invited, bad rows are
// reported with the reason, and one bad row never blocks the others.
import "server-only";
import { parse } from "csv-parse/sync";
import { isAppError } from "@/lib/errors";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/identity/viewer";
import { createInvitation } from "./invite";

export type BulkRowResult = { line: number; email: string; outcome: "invited" | "refused"; reason?: string };

const MAX_ROWS = 500;
const MAX_BYTES = 256 * 1024;

export async function bulkInvite(viewer: Viewer, municipalityId: string, csv: string): Promise<BulkRowResult[]> {
  if (csv.length > MAX_BYTES)
    return [{ line: 0, email: "", outcome: "refused", reason: `The file is larger than ${MAX_BYTES / 1024} KB.` }];
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      bom: true,
    });
  } catch (e) {
    return [
      {
        line: 0,
        email: "",
        outcome: "refused",
        reason: `Not a readable CSV file: ${(e as Error).message.slice(0, 200)}`,
      },
    ];
  }
  if (records.length > MAX_ROWS)
    return [{ line: 0, email: "", outcome: "refused", reason: `At most ${MAX_ROWS} rows per file.` }];
  const departments = await db.department.findMany({
    // Archived departments take no new people: a row naming one is refused as unknown.
    where: { municipalityId, archivedAt: null },
    select: { id: true, slug: true, name: true },
  });
  const results: BulkRowResult[] = [];
  for (const [i, r] of records.entries()) {
    const line = i + 2; // header is line 1
    const email = (r.email ?? "").toLowerCase();
    const dept = r.department
      ? departments.find((d) => d.slug === r.department || d.name.toLowerCase() === r.department!.toLowerCase())
      : undefined;
    if (r.department && !dept) {
      results.push({ line, email, outcome: "refused", reason: `Unknown department "${r.department}".` });
      continue;
    }
    try {
      await createInvitation(viewer, municipalityId, {
        email,
        groups: (r.groups ?? "").split(/[;|\s]+/).filter(Boolean),
        departmentId: dept?.id,
        allowedCategories: (r.categories ?? "")
          .split(/[;|\s]+/)
          .filter(Boolean)
          .map((c) => c.toUpperCase()) as never,
      });
      results.push({ line, email, outcome: "invited" });
    } catch (e) {
      const reason = isAppError(e)
        ? "fieldErrors" in e && e.fieldErrors
          ? Object.entries(e.fieldErrors as Record<string, string[] | undefined>)
              .map(([k, v]) => `${k}: ${v?.[0] ?? "invalid"}`)
              .join("; ") || e.message
          : e.message
        : "Unexpected error; nothing was sent for this row.";
      if (!isAppError(e)) console.error(e);
      results.push({ line, email, outcome: "refused", reason });
    }
  }
  return results;
}
