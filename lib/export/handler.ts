// GET /w/[slug]/<list>/export: the list's own filters, rows the viewer may read AND export
// (a separate policy action), fields they may read. Same filters parsing as the page.
import "server-only";
import { getStaffViewer } from "@/lib/auth/current-session";
import { workspaceFor } from "@/lib/data/workspace";
import { canExportIn, keepExportable } from "@/lib/data/export-scope";
import { recordsOf } from "@/lib/data/record-store";
import { isAppError } from "@/lib/errors";
import { parseListParams } from "@/lib/http/list-params";
import type { RecordModel } from "@/lib/records";
import { listKeys, listQuerySchema } from "@/lib/records/list";
import { collectPages, csvResponse } from "./csv-response";

/** The export route of a record type's workspace list. */
export function exportHandler(model: RecordModel) {
  const records = recordsOf(model);
  const o = { model, schema: listQuerySchema(records.def), keys: listKeys(records.def), name: records.def.paths.file };
  return async (req: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> => {
    const viewer = await getStaffViewer();
    if (viewer.principal.kind !== "user")
      return new Response("Sign in to export.", { status: 401, headers: { "Cache-Control": "no-store" } });
    try {
      const ws = await workspaceFor(viewer, (await ctx.params).slug);
      if (!canExportIn(viewer, o.model, ws.municipality.id)) return new Response("Not found", { status: 404 });
      const parsed = parseListParams(
        o.schema,
        new URL(req.url).searchParams,
        o.keys.filter((k) => k !== "page"),
        { municipalityId: ws.municipality.id, pageSize: 100 },
      );
      if (!parsed.ok) return new Response("These filters are not valid.", { status: 400 });
      const rows = await collectPages((page) => records.list(viewer, { ...(parsed.query as object), page }));
      return csvResponse(o.model, await keepExportable(viewer, o.model, rows), `${o.name}-${ws.municipality.slug}.csv`);
    } catch (e) {
      if (isAppError(e)) return new Response(e.status === 404 ? "Not found" : e.message, { status: e.status });
      throw e;
    }
  };
}
