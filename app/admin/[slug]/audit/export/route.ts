import { adminMunicipality } from "@/lib/people/admin-scope";
import { auditCsv } from "@/lib/export/audit-csv";
import { csvDownload } from "@/lib/http/csv-download";

/** The municipality's audit log as CSV: exactly the events its filters (the page's query) match. */
export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  return csvDownload(req, async (viewer, filters) => {
    const muni = await adminMunicipality(viewer, (await ctx.params).slug);
    return { csv: await auditCsv(viewer, muni.id, filters), filename: `audit-${muni.slug}.csv` };
  });
}
