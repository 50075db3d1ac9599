import { assertPlatformConsole } from "@/lib/data/platform-municipalities";
import { auditCsv } from "@/lib/export/audit-csv";
import { csvDownload } from "@/lib/http/csv-download";

/** The platform audit log as CSV: exactly the events its filters (the page's query) match. */
export async function GET(req: Request) {
  return csvDownload(req, async (viewer, filters) => {
    assertPlatformConsole(viewer);
    return { csv: await auditCsv(viewer, null, filters), filename: "audit-platform.csv" };
  });
}
