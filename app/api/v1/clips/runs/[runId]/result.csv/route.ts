import { clipRunCsv } from "@/lib/export/clip-run-csv";
import { csvFileResponse } from "@/lib/export/csv-response";
import { pathId } from "@/lib/http/api";
import { clipsRoute } from "@/lib/http/clips";

/** The run's whole stored result as CSV (formula-safe); `X-Clip-Truncated: true` when it was cut at the row limit. */
export const GET = clipsRoute<{ runId: string }>(async (viewer, _req, { runId }) => {
  const { csv, filename, truncated } = await clipRunCsv(viewer, pathId(runId));
  const res = csvFileResponse(csv, filename);
  res.headers.set("X-Clip-Truncated", String(truncated));
  return res;
});
