import { csvDownload } from "@/lib/http/csv-download";
import { clipRunCsv } from "@/lib/export/clip-run-csv";
import { workspaceFor } from "@/lib/data/workspace";
import { NotFoundError } from "@/lib/errors";

/** A clip run's whole stored result as CSV (formula-safe); outside reach, or without the clips group, "not found". */
export async function GET(req: Request, ctx: { params: Promise<{ slug: string; runId: string }> }) {
  return csvDownload(req, async (viewer) => {
    const { slug, runId } = await ctx.params;
    const ws = await workspaceFor(viewer, slug);
    if (!ws.links.clips) throw new NotFoundError();
    const { csv, filename } = await clipRunCsv(viewer, runId, { municipalityId: ws.municipality.id });
    return { csv, filename: `${ws.municipality.slug}-${filename}` };
  });
}
