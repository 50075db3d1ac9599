import { getStaffViewer } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { listServiceRequests } from "@/lib/data/service-requests";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { columnsOf, toCsv } from "@/lib/export/csv";
import { isAppError } from "@/lib/errors";

const MAX_ROWS = 10_000;

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const viewer = await getStaffViewer();
  if (viewer.principal.kind !== "user") return new Response("Sign in to export.", { status: 401 });
  try {
    const ws = await workspaceFor(viewer, (await ctx.params).slug);
    const sp = Object.fromEntries(new URL(req.url).searchParams);
    const { q, status, category, sort, dir } = sp;
    const rows: Record<string, unknown>[] = [];
    for (let page = 1; rows.length < MAX_ROWS; page++) {
      const p = await listServiceRequests(viewer, { municipalityId: ws.municipality.id, q, status: status as never, category: category as never, sort: sort as never, dir: dir as never, page, pageSize: 100 });
      rows.push(...p.rows);
      if (page >= p.pageCount) break;
    }
    const csv = toCsv(rows, columnsOf(rows, MODEL_FIELDS.ServiceRequest));
    return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="service-requests-${ws.municipality.slug}.csv"`, "Cache-Control": "no-store" } });
  } catch (e) {
    if (isAppError(e)) return new Response(e.message, { status: e.status });
    throw e;
  }
}
