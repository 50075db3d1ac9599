import { getViewer } from "@/lib/auth/current-session";
import { adminMunicipality } from "@/lib/people/admin-scope";
import { listAuditEvents } from "@/lib/people/audit-log";
import { toCsv } from "@/lib/export/csv";
import { isAppError } from "@/lib/errors";

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const viewer = await getViewer();
  if (viewer.principal.kind !== "user") return new Response("Sign in to export.", { status: 401 });
  try {
    const muni = await adminMunicipality(viewer, (await ctx.params).slug);
    const { page: _page, ...filters } = Object.fromEntries(new URL(req.url).searchParams);
    const rows = [];
    for (let page = 1; page <= 200; page++) {
      const p = await listAuditEvents(viewer, muni.id, { ...filters, page: String(page) as never }, 500);
      rows.push(...p.rows);
      if (page >= p.pageCount) break;
    }
    return new Response(toCsv(rows, ["seq", "at", "action", "actor", "subject", "targetType", "targetId", "data"]), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${muni.slug}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (isAppError(e)) return new Response(e.message, { status: e.status });
    throw e;
  }
}
