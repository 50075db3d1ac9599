// A clip run's result as CSV (issue 21): the stored rows of a run the viewer may read
// (lib/data/clips.ts: accessibleBy + projection; the rows were purged by the clips views when it
// ran), the column names as the header, every text cell formula-safe (./csv.ts). Only data rows:
// whether the result was cut at the row limit travels beside the file (`truncated`), never as a
// fake row a script would read as data.
import "server-only";
import { clipRunTable } from "@/lib/data/clips";
import type { Viewer } from "@/lib/identity/viewer";
import { csvTable } from "./csv";

/** The run's CSV, a file name for it and whether it was cut; NotFoundError for a run outside reach. */
export async function clipRunCsv(
  viewer: Viewer,
  runId: string,
  within: { municipalityId?: string } = {},
): Promise<{ csv: string; filename: string; truncated: boolean }> {
  const run = await clipRunTable(viewer, runId, within);
  return {
    csv: csvTable(
      run.columns.map((c) => c.name),
      run.rows,
    ),
    filename: `clip-run-${run.createdAt.toISOString().slice(0, 19).replaceAll(":", "-")}.csv`,
    truncated: run.truncated,
  };
}
